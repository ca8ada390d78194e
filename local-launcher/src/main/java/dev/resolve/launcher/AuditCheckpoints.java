package dev.resolve.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where audit-service keeps what vouches for its hash chain outside the database: the Ed25519 key it signs
 * checkpoints of the chain with, the public key auditors verify them with, and the append-only NDJSON log it appends
 * every signed checkpoint to. They live in the data directory's {@value LocalSuite#AUDIT_CHECKPOINT_DIRECTORY}
 * folder; the service makes the key pair there on its first start. (In production the key comes from a secret store
 * and the log goes to write-once storage.)
 */
final class AuditCheckpoints {

    /** The service that signs checkpoints. */
    static final String SERVICE = "audit-service";

    /** The signing key: PKCS#8 PEM. */
    static final String SIGNING_KEY_FILE = "checkpoint-signing-key.pem";
    /** Its public key: X.509 PEM. */
    static final String PUBLIC_KEY_FILE = "checkpoint-public-key.pem";
    /** One signed checkpoint a line, appended to only. */
    static final String LOG_FILE = "checkpoints.ndjson";

    private AuditCheckpoints() {
    }

    static Path signingKey(Path folder) {
        return folder.resolve(SIGNING_KEY_FILE);
    }

    static Path publicKey(Path folder) {
        return folder.resolve(PUBLIC_KEY_FILE);
    }

    static Path log(Path folder) {
        return folder.resolve(LOG_FILE);
    }

    /** The system properties that give audit-service its key files in {@code folder} (made if missing) and its log. */
    static Map<String, String> properties(Path folder) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("resolve.audit.checkpoint.private-key-file", signingKey(folder).toString());
        properties.put("resolve.audit.checkpoint.public-key-file", publicKey(folder).toString());
        properties.put("resolve.audit.checkpoint.create-key-if-missing", "true");
        properties.put("resolve.audit.checkpoint.log-file", log(folder).toString());
        return properties;
    }
}
