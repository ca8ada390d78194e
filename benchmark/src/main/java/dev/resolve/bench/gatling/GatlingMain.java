package dev.resolve.bench.gatling;

import io.gatling.app.Gatling;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Starts Gatling in its JVM after telling it that its latest-release check is done. */
public final class GatlingMain {

    // Gatling otherwise asks Maven Central's search for a newer version at start, and the benchmark talks to nothing
    // but this machine. (Usage analytics and the HTTP warm-up call are off in gatling.conf.)

    private GatlingMain() {
    }

    public static void main(String[] args) throws BackingStoreException {
        Preferences latest = Preferences.userRoot().node("/io/gatling/latestVersion");
        // A check "made" far in the future, which failed: never repeated, no "new version" message.
        latest.putLong("lastCheckTimestamp", Long.MAX_VALUE / 2);
        latest.putBoolean("lastCheckSuccess", false);
        latest.flush();
        Gatling.main(args);
    }
}
