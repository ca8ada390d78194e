package dev.resolve.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** audit-service's own settings: {@code resolve.audit.*}. */
@ConfigMapping(prefix = "resolve.audit")
public interface AuditConfig {

    /** Rows fetched per round trip when the chain is read in order (verification, export, checkpoint guard). */
    @WithDefault("2000")
    int readFetchSize();

    /** Signed checkpoints of the chain head. */
    CheckpointConfig checkpoint();

    /** The per-caller limit of the expensive reads: verify, export and signing on demand. */
    HeavyReadsConfig heavyReads();

    interface CheckpointConfig {

        /**
         * The Ed25519 signing key, PKCS#8 PEM. It is never stored in the database: locally it lives in the launcher's
         * data folder, in production it is mounted from a secret store.
         */
        Path privateKeyFile();

        /** Its public key, X.509 PEM: what verification and auditors check signatures with. */
        Path publicKeyFile();

        /** Whether a missing key pair is generated into the two files on start (local and compose set-ups only). */
        @WithDefault("false")
        boolean createKeyIfMissing();

        /** The append-only file every signed checkpoint is appended to, one JSON object per line, synced to disk. */
        Path logFile();

        /** How often the head is signed while entries are appended. */
        @WithDefault("60s")
        Duration interval();
    }

    interface HeavyReadsConfig {

        /** Sustained expensive reads per minute a caller may make. */
        @WithDefault("6")
        double perMinute();

        /** Expensive reads a caller may make at once after being idle. */
        @WithDefault("3")
        int burst();
    }
}
