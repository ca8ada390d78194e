package dev.resolve.bench.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** The one request of the benchmark, {@code POST /api/v1/requests} with a unique body, and its HTTP protocol. */
final class Requests {

    private Requests() {
    }

    /**
     * Keep-alive connections shared by all virtual users (as a gateway or a client's pool would hold them), JSON, the
     * caller's bearer token, no warm-up call to an outside URL.
     */
    static HttpProtocolBuilder protocol(LoadSettings settings) {
        return http.baseUrl(settings.baseUrl())
                .contentTypeHeader("application/json")
                .acceptHeader("application/json")
                .authorizationHeader("Bearer " + settings.token())
                .disableWarmUp()
                .shareConnections();
    }

    /** A scenario that posts one new request per virtual user, named {@code requestName} in the results. */
    static ScenarioBuilder logOne(String scenarioName, String requestName, String prefix) {
        return scenario(scenarioName)
                .feed(new RequestBodies(prefix))
                .exec(http(requestName).post("/api/v1/requests").body(StringBody("#{body}")).check(status().is(201)));
    }
}
