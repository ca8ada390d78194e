package dev.resolve.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * What every service offers operators and front-end teams: its contract as written in shared-contracts,
 * Swagger UI, liveness, readiness (the database) and the event pipe's health (Kafka, relay, consumers), Prometheus metrics, and problem bodies for unknown
 * paths; and bearer-token access control as its contract writes it down. Each service extends it once, as a {@code @QuarkusTest}, and names itself.
 */
public abstract class ServiceConventionsTest {

    /** The service's name, which is also its folder in {@code shared-contracts/src/main/openapi}. */
    protected abstract String service();

    /** Whether the service emits events, and so runs an outbox relay (services that emit nothing run none). */
    protected abstract boolean emitsEvents();

    @Test
    void shouldRunAnOutboxRelayOnlyIfItEmitsEvents() {
        boolean relayThread = Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("outbox-relay"));
        org.assertj.core.api.Assertions.assertThat(relayThread).as("an outbox-relay thread runs").isEqualTo(emitsEvents());
        given().when().get("/q/health/well").then()
                .body("checks.find { it.name == 'outbox relay' }.data.relay", emitsEvents() ? org.hamcrest.Matchers.nullValue()
                        : equalTo("off in this service"));
    }

    @Test
    void shouldServeItsContractFromSharedContracts() {
        OpenApiContract.assertServedDocumentMatchesContract(service());
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldBeReadyOnItsDatabaseAloneAndReportTheEventPipeApart() {
        // Readiness is the database: while Kafka is away the outbox accepts changes and reads work.
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"))
                .body("checks.name", not(hasItem(containsString("Kafka"))))
                .body("checks.name", not(hasItem(containsString("kafka"))));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItems("kafka", "outbox relay", "event consumers"));
    }

    @Test
    void shouldRefuseEveryOperationWithoutAValidBearerToken() {
        AccessMatrix.assertEveryOperationNeedsAValidToken(service());
    }

    @Test
    void shouldLetEachRoleCallExactlyTheOperationsItsContractNames() {
        AccessMatrix.assertRolesAreEnforcedAsWritten(service());
    }

    @Test
    void shouldKeepOperatorEndpointsOpenWithoutAToken() {
        given().when().get("/q/health").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldExposeHttpAndOutboxMetricsToPrometheus() {
        Callers.asStaff().when().get("/api/v1/admin/events/outbox/parked").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("resolve_outbox_pending"));
    }

    @Test
    void shouldServeTheEventPipeAdministration() {
        Callers.asStaff().when().get("/api/v1/admin/events/outbox/parked").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        Callers.asStaff().when().post("/api/v1/admin/events/outbox/parked/" + java.util.UUID.randomUUID() + "/retry").then()
                .statusCode(404).contentType("application/problem+json");
        Callers.asStaff().when().post("/api/v1/admin/events/outbox/parked/not-a-uuid/retry").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("eventId"));
        Callers.asStaff().queryParam("limit", 0).when().get("/api/v1/admin/events/outbox/parked").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        Callers.asStaff().queryParam("cursor", "bm90IG91cnM").when().get("/api/v1/admin/events/outbox/parked").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("cursor"));
        Callers.asStaff().queryParam("limit", 501).when().get("/api/v1/admin/events/dead-letters").then()
                .statusCode(400).contentType("application/problem+json");
        Callers.asStaff().when().get("/api/v1/admin/events/dead-letters").then().statusCode(200)
                .body("topic", equalTo(service() + ".dlq"));
    }

    @Test
    void shouldHaveOnePackagePerConcernLikeEveryService() {
        Set<String> packages = ServiceLayout.ofWorkingDirectory().topLevel();
        assertThat(packages).as("packages below dev.resolve.<service> (docs/ARCHITECTURE.md, How a service is laid out)")
                .containsAll(ServiceLayout.REQUIRED).isSubsetOf(ServiceLayout.CONCERNS);
    }

    @Test
    void shouldKeepTransactionsIdempotencyAndBeanBuildingOutOfResources() {
        // Resources map the wire to service calls through the mapping package: transactions belong to the service
        // layer, Idempotency-Key handling to api-support's @Idempotent interceptor.
        List<Path> resources = ServiceLayout.ofWorkingDirectory().sources("api");
        assertThat(ServiceLayout.mentioning(resources, "@Transactional", "QuarkusTransaction", "IdempotentRequests"))
                .as("resources with transaction or idempotency code").isEmpty();
        assertThat(ServiceLayout.mentioning(resources, ".set", "new Page(")).as("resources that fill beans themselves").isEmpty();
    }

    @Test
    void shouldLetEntitiesGuardTheirOwnState() {
        assertThat(ServiceLayout.withPublicFields(ServiceLayout.ofWorkingDirectory().sources("domain")))
                .as("domain classes with public fields").isEmpty();
    }

    @Test
    void shouldNeedNoQualifiedClassNames() {
        // Domain classes and generated contract beans never share a name, so code imports what it uses.
        assertThat(ServiceLayout.withQualifiedNames(ServiceLayout.ofWorkingDirectory().allSources()))
                .as("sources naming our classes by qualified name").isEmpty();
    }

    @Test
    void shouldAnswerUnknownPathsWithAProblem() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
