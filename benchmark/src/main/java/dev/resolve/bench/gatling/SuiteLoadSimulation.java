package dev.resolve.bench.gatling;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * Open model: one new request every 1/rate seconds whatever the answers' speed, after a warm-up at half the rate
 * (ramping up to it at its end).
 */
public class SuiteLoadSimulation extends Simulation {

    // A slow system meets a growing queue, as it would in production. Only the requests after the warm-up
    // ("log request") are measured. The warm-up runs at half the rate: on a small machine the five services' JIT
    // compilers take minutes of CPU before the code is at full speed, and a warm-up at the full rate would measure
    // that queue rather than the warmed-up suite. Its last tenth ramps up to the full rate.

    {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        List<PopulationBuilder> populations = new ArrayList<>();
        long warmUpSeconds = settings.warmUp().toSeconds();
        if (warmUpSeconds > 0) {
            long ramp = Math.max(1, warmUpSeconds / 10);
            double half = Math.max(1, settings.rate() / 2.0);
            populations.add(Requests.logOne("warm-up", LoadSettings.WARM_UP_REQUEST, RequestBodies.WARM_UP)
                    .injectOpen(rampUsersPerSec(Math.max(1, settings.rate() / 10.0)).to(half).during(ramp),
                            constantUsersPerSec(half).during(warmUpSeconds - 2 * ramp),
                            rampUsersPerSec(half).to(settings.rate()).during(ramp)));
        }
        populations.add(Requests.logOne("load", LoadSettings.MEASURED_REQUEST, RequestBodies.MEASURED)
                .injectOpen(nothingFor(warmUpSeconds), constantUsersPerSec(settings.rate()).during(settings.duration().toSeconds())));
        setUp(populations).protocols(Requests.protocol(settings));
    }
}
