package dev.resolve.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * audit-service signed the head of its hash chain: the entry {@code sequence} with hash {@code hash} is vouched for by
 * an Ed25519 key kept outside the audit database (topic audit.checkpoints, key {@value #KEY}). Auditors and archives
 * keep these checkpoints outside the database, so an edit of the chain, a rewritten tail or a moved-back head shows
 * against a checkpoint taken before it.
 * <p>
 * The signature covers the UTF-8 bytes of exactly this text: five lines joined by {@code \n} (LF), with no
 * trailing newline (see {@link #signedText(long, String, String, String)}):
 * <pre>
 * resolve-audit-checkpoint/v1
 * &lt;sequence&gt;
 * &lt;hash&gt;
 * &lt;signedAt&gt;
 * &lt;keyId&gt;
 * </pre>
 * where {@code sequence} is written in decimal without sign or leading zeros and the other three are the payload's
 * strings as carried, for example:
 * <pre>
 * resolve-audit-checkpoint/v1
 * 4812
 * 615d529ae623a975469bbf329227e8fcd6cebb6fe7915e82e4961d323b834e90
 * 2026-11-30T22:00:00.123456Z
 * a96ab6c993265134
 * </pre>
 * Verifying needs nothing but the public key: rebuild that text from the payload, check that {@code keyId} is the
 * key's id ({@link #keyId(PublicKey)}) and verify {@code signature} with it ({@link #verifiesWith(PublicKey)}); no
 * access to audit-service or its database is involved.
 *
 * @param sequence the sequence number of the last audit entry the checkpoint covers; at least 1
 * @param hash that entry's hash: 64 lowercase hex digits
 * @param signedAt when the checkpoint was signed: an ISO-8601 UTC instant with at most six fraction digits, ending in
 *        {@code Z}. A string on purpose: it is the exact text that was signed, and no serializer may reformat it
 * @param keyId the signing key's id: the first 16 lowercase hex digits of the SHA-256 of the public key's X.509
 *        (SubjectPublicKeyInfo) encoding
 * @param algorithm always {@value #ALGORITHM}
 * @param signature the 64-byte Ed25519 signature over the signed text, in standard base64 with padding (88 characters)
 */
@EventType(name = "AuditCheckpointSigned", version = 1, aggregate = Aggregate.AUDIT_CHAIN)
public record AuditCheckpointSigned(
        long sequence,
        String hash,
        String signedAt,
        String keyId,
        String algorithm,
        String signature) {

    /** The record key, and aggregate id, of every checkpoint: there is one audit chain. */
    public static final String KEY = "audit-chain";
    /** The signature algorithm, the only one of version 1. */
    public static final String ALGORITHM = "Ed25519";
    /** The first line of the signed text; it names what is signed and the layout's version. */
    public static final String SIGNED_TEXT_HEADER = "resolve-audit-checkpoint/v1";

    /** The text whose UTF-8 bytes are signed, for the given checkpoint fields. */
    public static String signedText(long sequence, String hash, String signedAt, String keyId) {
        return SIGNED_TEXT_HEADER + "\n" + sequence + "\n" + hash + "\n" + signedAt + "\n" + keyId;
    }

    /** The text whose UTF-8 bytes this checkpoint's {@code signature} signs. */
    @JsonIgnore
    public String signedText() {
        return signedText(sequence, hash, signedAt, keyId);
    }

    /** The id of {@code publicKey}: the first 16 lowercase hex digits of the SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Whether {@code publicKey} is the key this checkpoint names and its signature over {@link #signedText()} is
     * valid. A malformed signature or algorithm is not valid.
     */
    public boolean verifiesWith(PublicKey publicKey) {
        if (!ALGORITHM.equals(algorithm) || keyId == null || !keyId.equals(keyId(publicKey)) || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(signedText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
