package dev.resolve.metrics.api;

import dev.resolve.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What every service offers operators and front-end teams: contract, Swagger UI, health and metrics. */
@QuarkusTest
class ServiceContractTest {

    @Test
    void shouldServeItsContractFromSharedContracts() {
        OpenApiContract.assertServedDocumentMatchesContract("metrics-service");
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldBeReadyWhenDatabaseAndKafkaAreUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldExposeMetricsToPrometheus() {
        given().when().get("/api/v1/kpis/summary").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("resolve_outbox_pending"));
    }

    @Test
    void shouldAnswerUnknownPathsWithAProblem() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
