package dev.resolve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every operation of a service's contract (its own document and the event pipe's administration API) and
 * proves the access rules the contract writes down: without a valid bearer token every operation answers 401
 * problem+json with {@code WWW-Authenticate: Bearer}; with a valid token holding a single role it answers 403
 * problem+json exactly when that role is not in the operation's {@code x-roles}.
 */
public final class AccessMatrix {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private AccessMatrix() {
    }

    /** One operation of the contract. */
    record Operation(String method, String path, String id, Set<String> roles, boolean hasBody) {

        String call() {
            return method.toUpperCase() + " " + path + " (" + id + ")";
        }
    }

    /** The contract's operations under {@code /api}, with their roles (an operation without {@code x-roles} fails). */
    static List<Operation> operations(String service) {
        JsonNode contract = OpenApiContract.contract(service);
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode() || !path.getKey().startsWith("/api/")) {
                    continue;
                }
                String id = operation.path("operationId").asText();
                assertThat(operation.path("x-roles").isArray()).as("%s %s (%s) names its roles in x-roles", method,
                        path.getKey(), id).isTrue();
                Set<String> roles = new TreeSet<>();
                operation.path("x-roles").forEach(role -> roles.add(role.asText()));
                assertThat(Roles.ALL).as("roles of %s", id).containsAll(roles);
                if (!method.equals("get")) {
                    assertThat(roles).as("%s changes something: an auditor reads but changes nothing", id)
                            .doesNotContain(Roles.AUDITOR);
                }
                assertThat(operation.path("responses").has("401") && operation.path("responses").has("403"))
                        .as("%s documents 401 and 403", id).isTrue();
                operations.add(new Operation(method, path.getKey(), id, roles, operation.has("requestBody")));
            }
        }
        assertThat(operations).as("operations of %s", service).isNotEmpty();
        return operations;
    }

    /** Every operation refuses a missing, malformed, expired, not-yet-valid or foreign-signed token with 401. */
    public static void assertEveryOperationNeedsAValidToken(String service) {
        Caller admin = new Caller("admin-1", null, Roles.ALL, "billing", "CUST-1001");
        Instant now = Instant.now();
        Map<String, Function<RequestSpecification, RequestSpecification>> refusedCredentials = Map.of(
                "no token", spec -> spec,
                "a malformed token", spec -> spec.auth().oauth2("not-a-jwt"),
                "basic credentials", spec -> spec.auth().preemptive().basic("admin", "admin"),
                "an expired token", spec -> spec.auth().oauth2(SharedInfrastructure.identity()
                        .token(admin, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS))),
                "a token not yet valid", spec -> spec.auth().oauth2(SharedInfrastructure.identity()
                        .token(admin, now.plus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS))),
                "a token signed by another key", spec -> spec.auth().oauth2(Callers.tokenSignedByAStranger(admin)));
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations(service)) {
            refusedCredentials.forEach((credentials, withCredentials) -> {
                Response response = send(withCredentials.apply(RestAssured.given()), operation);
                String challenge = response.header("WWW-Authenticate");
                if (response.statusCode() != 401 || challenge == null || !challenge.startsWith("Bearer")
                        || !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(operation.call() + " with " + credentials + ": " + response.statusCode() + " "
                            + response.contentType() + " WWW-Authenticate=" + challenge + " " + response.asString());
                }
            });
        }
        assertThat(failures).as("operations of %s that did not refuse an invalid token with 401 problem+json", service)
                .isEmpty();
    }

    /** Each role may call exactly the operations whose {@code x-roles} name it; the others answer 403 problem+json. */
    public static void assertRolesAreEnforcedAsWritten(String service) {
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations(service)) {
            for (String role : Roles.ALL) {
                Caller caller = new Caller("user-with-" + role, null, List.of(role), "billing",
                        Roles.CUSTOMER.equals(role) ? "CUST-1001" : null);
                Response response = send(Callers.as(caller), operation);
                boolean allowed = operation.roles().contains(role);
                int status = response.statusCode();
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(operation.call() + " refused " + role + " (" + status + ") although x-roles allows it");
                } else if (!allowed && (status != 403
                        || !String.valueOf(response.contentType()).startsWith("application/problem+json"))) {
                    failures.add(operation.call() + " answered " + role + " with " + status + " " + response.contentType()
                            + " although x-roles does not name it");
                }
            }
        }
        assertThat(failures).as("the role matrix of %s", service).isEmpty();
    }

    private static Response send(RequestSpecification spec, Operation operation) {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (operation.hasBody()) {
            // An empty object: allowed callers get a 400 and nothing changes.
            spec = spec.contentType(ContentType.JSON).body("{}");
        }
        return spec.request(operation.method().toUpperCase(), path);
    }
}
