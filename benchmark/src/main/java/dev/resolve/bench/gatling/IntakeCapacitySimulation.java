package dev.resolve.bench.gatling;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;

/** Closed model: a constant number of users, each posting a new request as soon as its last one was answered. */
public class IntakeCapacitySimulation extends Simulation {

    // This finds how many requests per second intake-service takes over that many connections. A warm-up with the
    // same users comes first; only the requests after it ("log request") are measured.

    {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        long warmUpSeconds = settings.warmUp().toSeconds();
        PopulationBuilder measured = Requests.logOne("load", LoadSettings.MEASURED_REQUEST, RequestBodies.MEASURED)
                .injectClosed(constantConcurrentUsers(settings.users()).during(settings.duration().toSeconds()));
        if (warmUpSeconds > 0) {
            setUp(Requests.logOne("warm-up", LoadSettings.WARM_UP_REQUEST, RequestBodies.WARM_UP)
                    .injectClosed(constantConcurrentUsers(settings.users()).during(warmUpSeconds))
                    .andThen(measured))
                    .protocols(Requests.protocol(settings));
        } else {
            setUp(measured).protocols(Requests.protocol(settings));
        }
    }
}
