package dev.resolve.audit.service;

import dev.resolve.audit.config.AuditConfig;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The Ed25519 key pair checkpoints are signed with, read from files outside the database (generated there on first
 * start when {@code resolve.audit.checkpoint.create-key-if-missing} is set). The service refuses to start without it.
 */
@ApplicationScoped
public class CheckpointKeys {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public CheckpointKeys(AuditConfig config) {
        AuditConfig.CheckpointConfig settings = config.checkpoint();
        Path privateFile = settings.privateKeyFile();
        Path publicFile = settings.publicKeyFile();
        try {
            if (!Files.exists(privateFile) && settings.createKeyIfMissing()) {
                generate(privateFile, publicFile);
            }
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                throw new IllegalStateException("The audit checkpoint key is missing: " + privateFile + " and " + publicFile
                        + " must hold the Ed25519 key pair (resolve.audit.checkpoint.private-key-file, public-key-file)");
            }
            KeyFactory keys = KeyFactory.getInstance(ChainCheckpoint.ED25519);
            this.privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile, "PRIVATE KEY")));
            this.publicKey = keys.generatePublic(new X509EncodedKeySpec(readPem(publicFile, "PUBLIC KEY")));
        } catch (IOException e) {
            throw new UncheckedIOException("The audit checkpoint key could not be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit checkpoint key is not an Ed25519 key pair", e);
        }
        this.keyId = AuditCheckpointSigned.keyId(publicKey);
        ChainCheckpoint probe = sign(1, "0".repeat(64), Instant.EPOCH);
        if (!verifies(probe)) {
            throw new IllegalStateException("The audit checkpoint public key " + publicFile + " does not belong to "
                    + privateFile);
        }
        Log.infof("Audit checkpoints are signed with key %s (public key %s)", keyId, publicFile);
    }

    /** Signs the head ({@code sequence}, {@code hash}) as of {@code at} (kept to the microsecond). */
    public ChainCheckpoint sign(long sequence, String hash, Instant at) {
        String signedAt = at.truncatedTo(ChronoUnit.MICROS).toString();
        try {
            Signature signer = Signature.getInstance(ChainCheckpoint.ED25519);
            signer.initSign(privateKey);
            signer.update(AuditCheckpointSigned.signedText(sequence, hash, signedAt, keyId).getBytes(StandardCharsets.UTF_8));
            return new ChainCheckpoint(sequence, hash, signedAt, keyId, ChainCheckpoint.ED25519,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A checkpoint could not be signed", e);
        }
    }

    /** Whether {@code checkpoint} was signed with this service's key: its key id, algorithm and signature. */
    public boolean verifies(ChainCheckpoint checkpoint) {
        return checkpoint.hash() != null && checkpoint.signedAt() != null && checkpoint.published().verifiesWith(publicKey);
    }

    private static void generate(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ChainCheckpoint.ED25519).generateKeyPair();
        Files.createDirectories(privateFile.toAbsolutePath().getParent());
        Files.createDirectories(publicFile.toAbsolutePath().getParent());
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own permissions apply.
        }
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Log.warnf("Generated a new audit checkpoint key pair in %s and %s", privateFile, publicFile);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int start = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (start < 0 || end < start) {
            throw new IOException(file + " is not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(start + type.length() + 16, end));
    }
}
