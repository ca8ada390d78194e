package dev.resolve.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolve.audit.verifier.AuditVerify.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: {@link AuditVerify#run}, the documented single-file launch, and a large export. */
class AuditVerifyCommandTest {

    private static final Path SOURCE = Path.of("src/main/java/dev/resolve/audit/verifier/AuditVerify.java");

    private static KeyPair keys;

    @TempDir
    Path dir;

    private final TestChain chain = TestChain.of(10, keys);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void keys() {
        keys = TestChain.newKeyPair();
    }

    private int run(String... args) {
        return AuditVerify.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String keyId() {
        return TestChain.keyId(keys.getPublic());
    }

    @Test
    void aValidExportExitsZeroWithTheVerdict() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        Path export = write("audit-export.ndjson", chain.export(3, 10));

        int code = run("--public-key", key.toString(), export.toString());

        assertThat(code).isZero();
        assertThat(out()).isEqualTo("VALID: 8 entries, sequences 3..10, chain to checkpoint 10 (hash "
                + chain.at(10).hash + ") signed " + TestChain.SIGNED_AT + " by key " + keyId() + "\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void anInvalidExportExitsOneWithTheBrokenSequence() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        chain.at(4).content = chain.at(4).content.replace("\"x\":4", "\"x\":5");
        Path export = write("audit-export.ndjson", chain.export(1, 10));

        int code = run("--public-key=" + key, export.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).isEqualTo("INVALID at sequence 4: hash mismatch\n");
    }

    @Test
    void anOverrideCheckpointFileSaysWhatIsOnlyLinked() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        Path export = write("audit-export.ndjson", chain.export(1, 10));
        Path checkpoint = write("checkpoint.json", chain.checkpoint(6) + "\n");

        int code = run("--checkpoint", checkpoint.toString(), "--public-key", key.toString(), export.toString());

        assertThat(code).isZero();
        assertThat(out()).startsWith("VALID: 10 entries, sequences 1..10, chain to checkpoint 6 (hash "
                + chain.at(6).hash + ")").contains("entries 7..10").contains("checked by their links only");
    }

    @Test
    void anEmptyRangeIsValid() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        Path export = write("audit-export.ndjson", TestChain.header(chain.checkpoint(10), 11, 10) + "\n");

        assertThat(run("--public-key", key.toString(), export.toString())).isZero();
        assertThat(out()).startsWith("VALID: 0 entries").contains("checkpoint 10 (hash " + chain.at(10).hash);
    }

    @Test
    void malformedUtf8IsInvalid() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        String exported = chain.export(1, 10);
        String third = chain.at(3).line();
        int at = exported.indexOf(third) + third.indexOf("\"u3\"") + 1;
        byte[] text = exported.getBytes(StandardCharsets.UTF_8);
        int byteAt = exported.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        text[byteAt] = (byte) 0xC3; // the actor's 'u' starts a two-byte sequence, but '3' follows
        Path export = dir.resolve("audit-export.ndjson");
        Files.write(export, text);

        assertThat(run("--public-key", key.toString(), export.toString())).isEqualTo(1);
        assertThat(out()).isEqualTo("INVALID at sequence 3: line 4 is not an entry: not valid UTF-8\n");
    }

    @Test
    void usageAndFileProblemsExitTwo() throws IOException {
        Path key = TestChain.writePem(dir, keys.getPublic());
        Path export = write("audit-export.ndjson", chain.export(1, 10));
        Path notAKey = write("not-a-key.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        assertThat(run(export.toString())).isEqualTo(2);
        assertThat(err()).contains("--public-key is required").contains("usage:");
        assertThat(run("--public-key", key.toString())).isEqualTo(2);
        assertThat(run("--public-key")).isEqualTo(2);
        assertThat(run("--public-key", key.toString(), "--verbose", export.toString())).isEqualTo(2);
        assertThat(run("--public-key", key.toString(), export.toString(), export.toString())).isEqualTo(2);
        err.reset();

        assertThat(run("--public-key", key.toString(), dir.resolve("missing.ndjson").toString())).isEqualTo(2);
        assertThat(err()).contains("missing.ndjson").contains("no such file");
        err.reset();
        assertThat(run("--public-key", dir.resolve("missing.pem").toString(), export.toString())).isEqualTo(2);
        assertThat(err()).contains("missing.pem");
        err.reset();
        assertThat(run("--public-key", notAKey.toString(), export.toString())).isEqualTo(2);
        assertThat(err()).contains("is not an Ed25519 public key");
        assertThat(run("--public-key", export.toString(), export.toString())).isEqualTo(2);
        assertThat(run("--public-key", key.toString(), "--checkpoint", dir.resolve("nope.json").toString(),
                export.toString())).isEqualTo(2);
        assertThat(out()).isEmpty();

        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage:");
    }

    @Test
    void readPublicKeyReadsWhatOpensslWrites() throws Exception {
        Path key = TestChain.writePem(dir, keys.getPublic());

        assertThat(AuditVerify.readPublicKey(key).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(AuditVerify.keyId(AuditVerify.readPublicKey(key))).isEqualTo(keyId());
    }

    @Test
    void theDocumentedSingleFileCommandVerifiesAnExport() throws Exception {
        assertThat(SOURCE).exists();
        Path key = TestChain.writePem(dir, keys.getPublic());
        Path export = write("audit-export.ndjson", chain.export(1, 10));
        String valid = "VALID: 10 entries, sequences 1..10, chain to checkpoint 10 (hash " + chain.at(10).hash
                + ") signed " + TestChain.SIGNED_AT + " by key " + keyId();

        Process fromFile = launch(List.of("--public-key", key.toString(), export.toString()), null);
        Process fromStdin = launch(List.of("--public-key", key.toString(), "-"), export);

        assertThat(finish(fromFile)).isEqualTo("0 " + valid);
        assertThat(finish(fromStdin)).isEqualTo("0 " + valid);
    }

    private static Process launch(List<String> args, Path stdin) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add(SOURCE.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        return builder.start();
    }

    /** "exit-code stdout" of a finished process. */
    private static String finish(Process process) throws Exception {
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return process.exitValue() + " " + stdout.strip();
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .filter(command -> Path.of(command).getFileName().toString().startsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Test
    void aHundredThousandEntryExportVerifies() throws IOException {
        int size = 100_000;
        Path export = dir.resolve("large.ndjson");
        TestChain.writeLargeExport(export, size, keys);
        long bytes = Files.size(export);

        // The bytes as the command reads them, then characters as an in-process caller hands them over.
        long started = System.nanoTime();
        Result fromBytes;
        try (InputStream in = Files.newInputStream(export)) {
            fromBytes = AuditVerify.verify(in, keys.getPublic(), null);
        }
        long bytesMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        Result fromChars;
        try (Reader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            fromChars = AuditVerify.verify(reader, keys.getPublic(), null);
        }
        long charsMillis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("audit-verifier: %d entries (%d MB) verified in %d ms (InputStream), %d ms (Reader)%n",
                size, bytes >> 20, bytesMillis, charsMillis);
        assertThat(fromBytes).isEqualTo(new Result(true, size, 1, size, null, null));
        assertThat(fromChars).isEqualTo(fromBytes);
        assertThat(bytesMillis).as("verification time in ms").isLessThan(10_000);
        assertThat(charsMillis).as("verification time in ms").isLessThan(10_000);
    }
}
