package dev.resolve.testing;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;

/**
 * REST Assured requests with a bearer token signed by the test JVM's key ({@link SharedInfrastructure#identity()}),
 * which every service under test trusts (see {@link ResolveTestStack}).
 */
public final class Callers {

    /** Every role but {@code customer}: a member of staff whom no role check stops. */
    public static final List<String> STAFF_ROLES = Roles.ALL.stream().filter(r -> !Roles.CUSTOMER.equals(r)).toList();
    /** The user id of {@link #asStaff()}. */
    public static final String STAFF_USER = "staff-1";
    private static final Caller STAFF = new Caller(STAFF_USER, "Staff Member", STAFF_ROLES, "billing", null);

    private Callers() {
    }

    /** A request by a member of staff holding every staff role (team {@code billing}). */
    public static RequestSpecification asStaff() {
        return as(STAFF);
    }

    /** A request by a user who holds only {@code role}. */
    public static RequestSpecification asRole(String role) {
        return as(Caller.of("user-with-" + role, role));
    }

    /** A request by {@code caller}. */
    public static RequestSpecification as(Caller caller) {
        return RestAssured.given().auth().oauth2(token(caller));
    }

    /** A token for {@code caller}, valid for an hour. */
    public static String token(Caller caller) {
        return token(caller, Duration.ofHours(1));
    }

    public static String token(Caller caller, Duration ttl) {
        return SharedInfrastructure.identity().token(caller, ttl);
    }

    /** A token for {@code caller} signed by a key the services do not trust. */
    public static String tokenSignedByAStranger(Caller caller) {
        return STRANGER.token(caller, Duration.ofHours(1));
    }

    private static final LocalIdentityProvider STRANGER = LocalIdentityProvider.inFolder(
            SharedInfrastructure.scratchFolder("stranger-identity"));
}
