package dev.resolve.intake.api;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.hamcrest.Matchers.startsWith;

/** A token that worked stops working once it expires (beyond the allowed clock skew); a changed token never works. */
@QuarkusTest
class TokenExpiryTest {

    @Test
    void shouldStopAcceptingARememberedTokenWhenItExpires() throws Exception {
        Instant now = Instant.now();
        Instant expiry = now.plusSeconds(3);
        String token = SharedInfrastructure.identity().token(Caller.of("short-lived", Roles.AUDITOR), now, expiry);
        String path = "/api/v1/requests/" + UUID.randomUUID();
        RestAssured.given().auth().oauth2(token).get(path).then().statusCode(404);
        RestAssured.given().auth().oauth2(token).get(path).then().statusCode(404);
        // One character of the signature changed: not the remembered token, and not a valid one.
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        RestAssured.given().auth().oauth2(tampered).get(path).then().statusCode(401);
        // Past its expiry and the 1 s clock skew tests allow (mp.jwt.verify.clock.skew).
        Thread.sleep(Duration.between(Instant.now(), expiry).toMillis() + 2500);
        RestAssured.given().auth().oauth2(token).get(path).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }
}
