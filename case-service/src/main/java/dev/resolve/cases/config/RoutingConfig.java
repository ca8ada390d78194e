package dev.resolve.cases.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Which team's queue a new case goes to ({@code resolve.cases.routing.*}): by request type, else the default team.
 * Until classification and assignment land this is all of routing.
 */
@ConfigMapping(prefix = "resolve.cases.routing")
public interface RoutingConfig {

    /** The team of request types not listed in {@link #teams()}. */
    @WithDefault("service-desk")
    String defaultTeam();

    /** Team per request type, e.g. {@code resolve.cases.routing.teams.REFUND=billing}. */
    Map<String, String> teams();

    /** The team a case of {@code requestType} goes to. */
    default String teamFor(String requestType) {
        return teams().getOrDefault(requestType, defaultTeam());
    }
}
