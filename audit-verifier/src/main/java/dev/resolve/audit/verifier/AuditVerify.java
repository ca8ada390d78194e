package dev.resolve.audit.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an audit-trail export of audit-service offline, with nothing but a JDK:
 *
 * <pre>
 * java audit-verifier/src/main/java/dev/resolve/audit/verifier/AuditVerify.java \
 *     --public-key checkpoint-public-key.pem [--checkpoint checkpoint.json] audit-export.ndjson|-
 * </pre>
 *
 * <p>The export is NDJSON: a header line {@code {"checkpoint":{...},"fromSequence":F,"toSequence":N}}, then the
 * entries F..N of the hash chain. The checkpoint's Ed25519 signature anchors the chain: every entry must link to the
 * one before it ({@code hash = hex(SHA-256(previousHash + "\n" + content))}), agree with its hashed content, and the
 * entry at the checkpoint's sequence must have the checkpoint's hash. Verification stops at the first failure.
 *
 * <p>One source file using only JDK classes on purpose (Java 17 single-file launch); the JSON reader is
 * {@link Json}. The export is read line by line, in constant memory.
 *
 * <p>Exit codes of {@link #run}: 0 valid, 1 invalid, 2 usage or I/O error.
 */
public final class AuditVerify {

    /** The outcome of a verification. On success {@code brokenSequence} and {@code reason} are null. */
    public record Result(boolean valid, long entries, long firstSequence, long lastSequence, Long brokenSequence,
            String reason) {
    }

    /** The previousHash of the first entry of the chain (sequence 1). */
    public static final String GENESIS = "0".repeat(64);
    /** First line of the signed checkpoint message. */
    public static final String CHECKPOINT_DOMAIN = "resolve-audit-checkpoint/v1";

    static final String KEY_ID_MISMATCH = "checkpoint key id does not match the public key";
    static final String SIGNATURE_INVALID = "checkpoint signature does not verify";
    static final String ALGORITHM_UNSUPPORTED = "checkpoint algorithm is not Ed25519";
    static final String SEQUENCE_GAP = "sequence gap";
    static final String OUT_OF_ORDER = "entries out of order";
    static final String PREVIOUS_HASH_MISMATCH = "previous hash does not match";
    static final String HASH_MISMATCH = "hash mismatch";
    static final String CONTENT_MISMATCH = "content does not match the entry's fields";
    static final String CHECKPOINT_HASH_MISMATCH = "hash does not match the checkpoint";
    static final String ENDS_BEFORE_CHECKPOINT = "export ends before the checkpoint's sequence";
    static final String BEYOND_CHECKPOINT = "entries beyond the checkpoint";
    static final String OUTSIDE_RANGE = "checkpoint outside the exported range";

    private static final String USAGE = """
            usage: java AuditVerify.java --public-key <checkpoint-public-key.pem> [--checkpoint <checkpoint.json>] <audit-export.ndjson | ->
              Verifies an audit-trail export of audit-service: the hash chain, each entry against its hashed content,
              and the Ed25519-signed checkpoint the chain leads to. '-' reads the export from standard input.
              --checkpoint  a checkpoint kept separately, used instead of the one in the export
              exit codes: 0 valid, 1 invalid, 2 usage or I/O error""";

    private AuditVerify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; prints the verdict on {@code out}, problems with the arguments or files on {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String keyFile = null;
        String checkpointFile = null;
        String exportFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = option.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (option) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--public-key", "--checkpoint" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return usage(err, option + " needs a file");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        return usage(err, option + " needs a file");
                    }
                    if (option.equals("--public-key")) {
                        keyFile = value;
                    } else {
                        checkpointFile = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        return usage(err, "unknown option " + arg);
                    }
                    if (exportFile != null) {
                        return usage(err, "only one export file, got " + exportFile + " and " + arg);
                    }
                    exportFile = arg;
                }
            }
        }
        if (keyFile == null) {
            return usage(err, "--public-key is required");
        }
        if (exportFile == null) {
            return usage(err, "the export file (or - for standard input) is required");
        }

        PublicKey key;
        try {
            key = readPublicKey(Path.of(keyFile));
        } catch (IOException | RuntimeException e) {
            err.println("audit-verify: " + message(e, keyFile));
            return 2;
        }
        String override = null;
        if (checkpointFile != null) {
            try {
                override = Files.readString(Path.of(checkpointFile), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println("audit-verify: " + message(e, checkpointFile));
                return 2;
            }
        }

        boolean stdin = exportFile.equals("-");
        Outcome outcome;
        try {
            InputStream stream = stdin ? System.in : Files.newInputStream(Path.of(exportFile));
            try {
                outcome = new Check(new Utf8Lines(stream), key, override).run();
            } finally {
                if (!stdin) {
                    stream.close();
                }
            }
        } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
            Exception cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println("audit-verify: " + message(cause, stdin ? "standard input" : exportFile));
            return 2;
        }
        out.println(outcome.describe());
        return outcome.result().valid() ? 0 : 1;
    }

    /**
     * Verifies an export read from {@code export} against the checkpoint signing key. {@code overrideCheckpointJson}
     * is a checkpoint kept separately, used instead of the one in the export's header; null to use the header's.
     *
     * <p>Decoding bytes is the caller's business here; {@link #verify(InputStream, PublicKey, String)} refuses bytes that
     * are not UTF-8 and names their line.
     *
     * @throws UncheckedIOException when the reader fails (a verdict is only given on what could be read)
     */
    public static Result verify(Reader export, PublicKey key, String overrideCheckpointJson) {
        return new Check(new ReaderLines(export), key, overrideCheckpointJson).run().result();
    }

    /**
     * As {@link #verify(Reader, PublicKey, String)}, reading UTF-8 bytes: bytes that are not UTF-8 make the export
     * invalid, naming their line.
     */
    public static Result verify(InputStream export, PublicKey key, String overrideCheckpointJson) {
        return new Check(new Utf8Lines(export), key, overrideCheckpointJson).run().result();
    }

    /** Reads a PEM {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) Ed25519 public key. */
    public static PublicKey readPublicKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.ISO_8859_1);
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IOException(pem + " is not a PEM public key (no " + begin + " ... " + end + ")");
        }
        StringBuilder base64 = new StringBuilder();
        for (int i = from + begin.length(); i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                base64.append(c);
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.toString());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(pem + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** First 16 lower-case hex characters of SHA-256 over the key's X.509 SubjectPublicKeyInfo encoding. */
    public static String keyId(PublicKey key) {
        return hex(sha256().digest(key.getEncoded())).substring(0, 16);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Verification

    /** A parsed checkpoint. */
    record Checkpoint(long sequence, String hash, String signedAt, String keyId, String algorithm, String signature) {

        static Checkpoint of(Object json) {
            Map<String, Object> object = Json.object(json, "checkpoint");
            long sequence = Json.integer(object, "sequence");
            if (sequence < 0) {
                throw new Json.JsonException("member \"sequence\" is negative");
            }
            String hash = Json.string(object, "hash");
            if (!isHash(hash)) {
                throw new Json.JsonException("member \"hash\" is not 64 lower-case hex characters");
            }
            return new Checkpoint(sequence, hash, Json.string(object, "signedAt"), Json.string(object, "keyId"),
                    Json.string(object, "algorithm"), Json.string(object, "signature"));
        }

        byte[] message() {
            return (CHECKPOINT_DOMAIN + "\n" + sequence + "\n" + hash + "\n" + signedAt + "\n" + keyId)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** What {@link #run} prints needs more than {@link Result}: the checkpoint the chain was verified against. */
    record Outcome(Result result, Checkpoint checkpoint, boolean override) {

        String describe() {
            if (!result.valid()) {
                return result.brokenSequence() == null
                        ? "INVALID: " + result.reason()
                        : "INVALID at sequence " + result.brokenSequence() + ": " + result.reason();
            }
            String signed = " (hash " + checkpoint.hash() + ") signed " + checkpoint.signedAt() + " by key "
                    + checkpoint.keyId();
            if (result.entries() == 0) {
                return "VALID: 0 entries, empty range " + result.firstSequence() + ".." + result.lastSequence()
                        + ", checkpoint " + checkpoint.sequence() + signed;
            }
            String line = "VALID: " + result.entries() + " entries, sequences " + result.firstSequence() + ".."
                    + result.lastSequence() + ", chain to checkpoint " + checkpoint.sequence() + signed;
            if (override && result.lastSequence() > checkpoint.sequence()) {
                line += "; entries " + (checkpoint.sequence() + 1) + ".." + result.lastSequence()
                        + " follow the checkpoint given with --checkpoint and are checked by their links only";
            }
            return line;
        }
    }

    /** A verdict of "invalid", thrown from deep inside the check to stop at the first failure. */
    private static final class Broken extends Exception {
        final Long sequence;

        Broken(Long sequence, String reason) {
            super(reason, null, false, false);
            this.sequence = sequence;
        }
    }

    /** The export's lines without their line ends; null after the last. */
    private interface Lines {
        String next() throws IOException;
    }

    private static final class ReaderLines implements Lines {
        private final BufferedReader in;

        ReaderLines(Reader reader) {
            in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 1 << 16);
        }

        @Override
        public String next() throws IOException {
            return in.readLine();
        }
    }

    /** A line longer than {@link Utf8Lines#MAX_LINE} bytes. */
    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("longer than " + (Utf8Lines.MAX_LINE >> 20) + " MiB", null);
        }
    }

    /**
     * Lines of UTF-8 bytes ending in '\n' (a '\r' before it is dropped), decoded line by line so that bytes that
     * are not UTF-8 are reported on their own line. Memory: the longest line, at most {@link #MAX_LINE} bytes.
     */
    private static final class Utf8Lines implements Lines {
        static final int MAX_LINE = 64 << 20;

        private final InputStream in;
        private final CharsetDecoder decoder = strictUtf8();
        private byte[] buffer = new byte[1 << 16];
        private int start;
        private int end;
        private int scanned;
        private boolean eof;

        Utf8Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public String next() throws IOException {
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        String line = decode(start, i);
                        start = i + 1;
                        scanned = start;
                        return line;
                    }
                }
                scanned = end;
                if (eof) {
                    if (start == end) {
                        return null;
                    }
                    String line = decode(start, end);
                    start = end;
                    return line;
                }
                fill();
            }
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.length) {
                if (buffer.length >= MAX_LINE) {
                    throw new LineTooLong();
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                eof = true;
            } else {
                end += read;
            }
        }

        private String decode(int from, int to) throws CharacterCodingException {
            if (to > from && buffer[to - 1] == '\r') {
                to--;
            }
            String line = new String(buffer, from, to - from, StandardCharsets.UTF_8);
            if (line.indexOf('\uFFFD') >= 0) {
                // Either a real U+FFFD or bytes that are not UTF-8: only a strict decoder tells.
                decoder.reset();
                line = decoder.decode(java.nio.ByteBuffer.wrap(buffer, from, to - from)).toString();
            }
            return line;
        }
    }

    /** One verification: the state carried from entry to entry is a few numbers and the previous hash. */
    private static final class Check {
        private final Lines in;
        private final PublicKey key;
        private final String overrideJson;
        private final Json json = new Json();
        private final MessageDigest sha256 = sha256();
        private final char[] hex = new char[64];

        private long lineNumber;
        private long first;
        private long headerTo;
        private long expected;
        private long entries;
        private String previousHash;
        private Checkpoint checkpoint;

        Check(Lines export, PublicKey key, String overrideJson) {
            this.in = export;
            this.key = key;
            this.overrideJson = overrideJson;
        }

        Outcome run() {
            try {
                header();
                verifyCheckpoint();
                String line;
                while ((line = next()) != null) {
                    entry(line);
                }
                end();
                return new Outcome(new Result(true, entries, first, expected - 1, null, null), checkpoint,
                        overrideJson != null);
            } catch (Broken broken) {
                return new Outcome(new Result(false, entries, first, expected == 0 ? 0 : expected - 1,
                        broken.sequence, broken.getMessage()), checkpoint, overrideJson != null);
            }
        }

        private String next() throws Broken {
            try {
                String line = in.next();
                if (line != null) {
                    lineNumber++;
                }
                return line;
            } catch (CharacterCodingException e) {
                throw new Broken(expected == 0 ? null : expected,
                        "line " + (lineNumber + 1) + " is not an entry: not valid UTF-8");
            } catch (LineTooLong e) {
                throw new Broken(expected == 0 ? null : expected,
                        "line " + (lineNumber + 1) + " is not an entry: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void header() throws Broken {
            String line = next();
            if (line == null) {
                throw new Broken(null, "the export is empty (no header line)");
            }
            Checkpoint embedded = null;
            try {
                Map<String, Object> header = Json.object(json.parse(line), "the header");
                first = Json.integer(header, "fromSequence");
                headerTo = Json.integer(header, "toSequence");
                if (first < 1) {
                    throw new Json.JsonException("fromSequence " + first + " is below 1");
                }
                if (headerTo < first - 1) {
                    throw new Json.JsonException("toSequence " + headerTo + " is below fromSequence " + first
                            + " - 1");
                }
                if (overrideJson == null) {
                    embedded = Checkpoint.of(Json.member(header, "checkpoint"));
                    if (embedded.sequence() != headerTo) {
                        throw new Json.JsonException("toSequence " + headerTo + " is not the checkpoint's sequence "
                                + embedded.sequence());
                    }
                }
            } catch (Json.JsonException e) {
                throw new Broken(null, "line 1 is not an export header: " + e.getMessage());
            }
            expected = first;
            if (embedded != null) {
                checkpoint = embedded;
                return;
            }
            try {
                checkpoint = Checkpoint.of(json.parse(overrideJson));
            } catch (Json.JsonException e) {
                throw new Broken(null, "the checkpoint given is not a checkpoint: " + e.getMessage());
            }
        }

        private void verifyCheckpoint() throws Broken {
            Long at = checkpoint.sequence();
            if (!keyId(key).equals(checkpoint.keyId())) {
                throw new Broken(at, KEY_ID_MISMATCH);
            }
            if (!"Ed25519".equals(checkpoint.algorithm())) {
                throw new Broken(at, ALGORITHM_UNSUPPORTED + " (" + checkpoint.algorithm() + ")");
            }
            if (!signatureVerifies()) {
                throw new Broken(at, SIGNATURE_INVALID);
            }
            if (overrideJson != null && (checkpoint.sequence() < first || checkpoint.sequence() > headerTo)) {
                throw new Broken(at, OUTSIDE_RANGE + " " + first + ".." + headerTo);
            }
        }

        private boolean signatureVerifies() {
            String encoded = checkpoint.signature();
            byte[] signature;
            try {
                if (encoded.length() % 4 != 0) {
                    return false;
                }
                signature = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (signature.length != 64) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(checkpoint.message());
                return verifier.verify(signature);
            } catch (SignatureException e) {
                return false;
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no Ed25519", e);
            }
        }

        private void entry(String line) throws Broken {
            long sequence;
            String eventId;
            String eventType;
            String aggregateId;
            String correlationId;
            String actor;
            String content;
            String linePreviousHash;
            String hash;
            try {
                Map<String, Object> entry = Json.object(json.parse(line), "the line");
                sequence = Json.integer(entry, "sequence");
                eventId = Json.string(entry, "eventId");
                eventType = Json.string(entry, "eventType");
                aggregateId = Json.string(entry, "aggregateId");
                correlationId = Json.string(entry, "correlationId");
                actor = Json.string(entry, "actor");
                content = Json.string(entry, "content");
                linePreviousHash = Json.string(entry, "previousHash");
                hash = Json.string(entry, "hash");
            } catch (Json.JsonException e) {
                throw new Broken(expected, "line " + lineNumber + " is not an entry: " + e.getMessage());
            }
            boolean override = overrideJson != null;
            if (!override && expected > checkpoint.sequence()) {
                throw new Broken(expected, BEYOND_CHECKPOINT);
            }
            if (override && expected > headerTo) {
                throw new Broken(expected, "entries beyond the export's toSequence " + headerTo);
            }
            if (sequence != expected) {
                throw new Broken(expected, sequence > expected ? SEQUENCE_GAP : OUT_OF_ORDER);
            }
            String linked = sequence == first ? (first == 1 ? GENESIS : null) : previousHash;
            if (linked != null && !linked.equals(linePreviousHash)) {
                throw new Broken(sequence, PREVIOUS_HASH_MISMATCH);
            }
            if (!hashMatches(linePreviousHash, content, hash)) {
                throw new Broken(sequence, HASH_MISMATCH);
            }
            String mismatch = contentMismatch(content, sequence, eventId, eventType, aggregateId, correlationId, actor);
            if (mismatch != null) {
                throw new Broken(sequence, CONTENT_MISMATCH + " (" + mismatch + ")");
            }
            if (sequence == checkpoint.sequence() && !hash.equals(checkpoint.hash())) {
                throw new Broken(sequence, CHECKPOINT_HASH_MISMATCH);
            }
            entries++;
            expected++;
            previousHash = hash;
        }

        private void end() throws Broken {
            long last = expected - 1;
            if (last < checkpoint.sequence()) {
                throw new Broken(expected, ENDS_BEFORE_CHECKPOINT);
            }
            if (last < headerTo) {
                throw new Broken(expected, "export ends before its toSequence " + headerTo);
            }
        }

        /** Whether hex(SHA-256(previousHash + "\n" + content)) is {@code hash}, without building the joined string. */
        private boolean hashMatches(String previous, String content, String hash) {
            if (hash.length() != 64) {
                return false;
            }
            sha256.update(previous.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(content.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest();
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            for (int i = 0; i < 64; i++) {
                if (hex[i] != hash.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Null when the hashed content says what the line says, else the first field that differs. */
        private String contentMismatch(String content, long sequence, String eventId, String eventType,
                String aggregateId, String correlationId, String actor) {
            Map<String, Object> hashed;
            try {
                Object parsed = json.parse(content);
                if (!(parsed instanceof Map)) {
                    return "content is not a JSON object";
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) parsed;
                hashed = object;
            } catch (Json.JsonException e) {
                return "content is not JSON: " + e.getMessage();
            }
            Object hashedSequence = hashed.get("sequence");
            if (!(hashedSequence instanceof Json.Number number) || !number.integral()
                    || number.longValue() == null || number.longValue() != sequence) {
                return "sequence";
            }
            if (!eventId.equals(hashed.get("eventId"))) {
                return "eventId";
            }
            Object type = hashed.get("type");
            Object version = hashed.get("schemaVersion");
            if (!(type instanceof String typeName) || !(version instanceof Json.Number schemaVersion)
                    || schemaVersion.longValue() == null
                    || !eventType.equals(typeName + ".v" + schemaVersion.longValue())) {
                return "eventType";
            }
            if (!aggregateId.equals(hashed.get("aggregateId"))) {
                return "aggregateId";
            }
            if (!correlationId.equals(hashed.get("correlationId"))) {
                return "correlationId";
            }
            if (!actor.equals(hashed.get("actor"))) {
                return "actor";
            }
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            chars[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(chars);
    }

    static boolean isHash(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** A UTF-8 decoder that fails on malformed input instead of replacing it. */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("audit-verify: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static String message(Throwable e, String file) {
        if (e instanceof NoSuchFileException) {
            return "cannot read " + file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read " + file + ": access denied";
        }
        if (e instanceof CharacterCodingException) {
            return "cannot read " + file + ": not valid UTF-8";
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return detail.contains(file) ? detail : "cannot read " + file + ": " + detail;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON

    /**
     * A small strict JSON reader (RFC 8259): objects become {@code Map<String, Object>} (a repeated member name is an
     * error), arrays {@code List<Object>}, strings {@code String}, numbers {@link Number} (their text), {@code true}
     * and {@code false} {@code Boolean}, {@code null} {@link #NULL}. Nothing may follow the value but whitespace.
     * One instance is reused line after line (not thread-safe).
     */
    static final class Json {

        /** JSON {@code null}. */
        static final Object NULL = new Object() {
            @Override
            public String toString() {
                return "null";
            }
        };

        private static final int MAX_DEPTH = 256;

        /** A JSON number, kept as written; {@code integral} when it has neither fraction nor exponent. */
        record Number(String text, boolean integral) {
            /** The value when integral and within a long, else null. */
            Long longValue() {
                if (!integral) {
                    return null;
                }
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }

        static final class JsonException extends RuntimeException {
            JsonException(String message) {
                super(message, null, false, false);
            }
        }

        private String text;
        private int pos;
        private int depth;
        private char[] chars = new char[1024];

        Object parse(String json) {
            text = json;
            pos = 0;
            depth = 0;
            try {
                skipWhitespace();
                Object value = value();
                skipWhitespace();
                if (pos != text.length()) {
                    throw error("unexpected " + describe(text.charAt(pos)) + " after the value");
                }
                return value;
            } finally {
                text = null;
            }
        }

        // -- access with messages fit for "line K is not an entry: ..."

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object value, String what) {
            if (!(value instanceof Map)) {
                throw new JsonException(what + " is not a JSON object");
            }
            return (Map<String, Object>) value;
        }

        static Object member(Map<String, Object> object, String name) {
            Object value = object.get(name);
            if (value == null) {
                throw new JsonException("missing member \"" + name + "\"");
            }
            return value;
        }

        static String string(Map<String, Object> object, String name) {
            if (member(object, name) instanceof String value) {
                return value;
            }
            throw new JsonException("member \"" + name + "\" is not a string");
        }

        static long integer(Map<String, Object> object, String name) {
            if (member(object, name) instanceof Number number && number.longValue() != null) {
                return number.longValue();
            }
            throw new JsonException("member \"" + name + "\" is not an integer");
        }

        // -- the grammar

        private Object value() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected " + describe(c));
            }
        }

        private Map<String, Object> object() {
            enter();
            pos++;
            Map<String, Object> members = new HashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return members;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value();
                if (members.put(name, value) != null) {
                    throw error("member \"" + name + "\" appears twice");
                }
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == '}') {
                    depth--;
                    return members;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            enter();
            pos++;
            List<Object> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return items;
            }
            while (true) {
                skipWhitespace();
                items.add(value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ']') {
                    depth--;
                    return items;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        /*
         * Strings are the bulk of an export (the content is an escaped JSON text), hence one tight loop per string:
         * without escapes the string is a substring of the text; with escapes it is decoded into a reused char
         * array (never longer than the escaped text).
         */
        private String string() {
            String json = text;
            int length = json.length();
            int start = ++pos;
            int i = start;
            char c = 0;
            while (i < length && (c = json.charAt(i)) != '"' && c != '\\' && c >= 0x20) {
                i++;
            }
            if (i >= length) {
                pos = i;
                throw error("unterminated string");
            }
            if (c == '"') {
                pos = i + 1;
                return json.substring(start, i);
            }
            if (c < 0x20) {
                pos = i;
                throw error("control character in a string");
            }
            if (chars.length < length - start) {
                chars = new char[Math.max(length - start, chars.length * 2)];
            }
            char[] out = chars;
            json.getChars(start, i, out, 0);
            int n = i - start;
            while (i < length) {
                c = json.charAt(i++);
                if (c == '"') {
                    pos = i;
                    return new String(out, 0, n);
                }
                if (c < 0x20) {
                    pos = i - 1;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out[n++] = c;
                    continue;
                }
                if (i >= length) {
                    break;
                }
                char escaped = json.charAt(i++);
                switch (escaped) {
                    case '"' -> out[n++] = '"';
                    case '\\' -> out[n++] = '\\';
                    case '/' -> out[n++] = '/';
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = i < length ? hexDigit(json.charAt(i)) : -1;
                            if (digit < 0) {
                                pos = i;
                                throw error("bad \\u escape");
                            }
                            i++;
                            code = code * 16 + digit;
                        }
                        out[n++] = (char) code;
                    }
                    default -> {
                        pos = i - 1;
                        throw error("bad escape \\" + escaped);
                    }
                }
            }
            pos = i;
            throw error("unterminated string");
        }

        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        private Number number() {
            int start = pos;
            int length = text.length();
            if (text.charAt(pos) == '-') {
                pos++;
            }
            if (pos >= length || !isDigit(text.charAt(pos))) {
                throw error("bad number");
            }
            if (text.charAt(pos) == '0') {
                pos++;
                if (pos < length && isDigit(text.charAt(pos))) {
                    throw error("leading zero in a number");
                }
            } else {
                while (pos < length && isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            boolean integral = true;
            if (pos < length && text.charAt(pos) == '.') {
                integral = false;
                pos++;
                if (pos >= length || !isDigit(text.charAt(pos))) {
                    throw error("bad number");
                }
                while (pos < length && isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= length || !isDigit(text.charAt(pos))) {
                    throw error("bad number");
                }
                while (pos < length && isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            return new Number(text.substring(start, pos), integral);
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected " + describe(text.charAt(pos)));
            }
            pos += word.length();
            return value;
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(pos);
        }

        private void skipWhitespace() {
            int length = text.length();
            while (pos < length) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static String describe(char c) {
            return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
        }

        private JsonException error(String message) {
            return new JsonException("invalid JSON at column " + (pos + 1) + ": " + message);
        }
    }
}
