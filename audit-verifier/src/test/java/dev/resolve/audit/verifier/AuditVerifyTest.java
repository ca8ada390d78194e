package dev.resolve.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolve.audit.verifier.AuditVerify.Result;
import dev.resolve.audit.verifier.TestChain.Entry;
import java.io.StringReader;
import java.security.KeyPair;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AuditVerify#verify}: valid exports and every kind of tampering it must catch. */
class AuditVerifyTest {

    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final TestChain chain = TestChain.of(20, keys);

    @BeforeAll
    static void keys() {
        keys = TestChain.newKeyPair();
        otherKeys = TestChain.newKeyPair();
    }

    private static Result verify(String export) {
        return verify(export, null);
    }

    private static Result verify(String export, String overrideCheckpoint) {
        return AuditVerify.verify(new StringReader(export), keys.getPublic(), overrideCheckpoint);
    }

    private static Result verify(List<String> lines) {
        return verify(TestChain.join(lines));
    }

    private static void assertBroken(Result result, long sequence, String reason) {
        assertThat(result.valid()).as("valid").isFalse();
        assertThat(result.reason()).startsWith(reason);
        assertThat(result.brokenSequence()).isEqualTo(sequence);
    }

    // -- valid exports

    @Test
    void aWholeChainFromTheFirstEntryIsValid() {
        Result result = verify(chain.export(1, 20));

        assertThat(result).isEqualTo(new Result(true, 20, 1, 20, null, null));
    }

    @Test
    void aRangeStartingLaterIsValid() {
        Result result = verify(chain.export(8, 15));

        assertThat(result).isEqualTo(new Result(true, 8, 8, 15, null, null));
    }

    @Test
    void withoutTrailingNewlineAndWithAnEntryOfOneIsValid() {
        String export = TestChain.join(chain.lines(1, 1));

        assertThat(verify(export.substring(0, export.length() - 1)))
                .isEqualTo(new Result(true, 1, 1, 1, null, null));
    }

    @Test
    void anEmptyRangeOnlyChecksTheCheckpoint() {
        String export = TestChain.header(chain.checkpoint(20), 21, 20) + "\n";

        assertThat(verify(export)).isEqualTo(new Result(true, 0, 21, 20, null, null));
    }

    @Test
    void anEmptyRangeWithAForgedCheckpointIsInvalid() {
        String forged = TestChain.checkpoint(20, chain.at(20).hash, otherKeys.getPrivate(),
                TestChain.keyId(keys.getPublic()));

        assertBroken(verify(TestChain.header(forged, 21, 20) + "\n"), 20, AuditVerify.SIGNATURE_INVALID);
    }

    // -- tampering with entries

    @Test
    void editedContentIsAHashMismatch() {
        Entry entry = chain.at(7);
        entry.content = entry.content.replace("\"x\":7", "\"x\":700");

        assertBroken(verify(chain.export(1, 20)), 7, AuditVerify.HASH_MISMATCH);
    }

    @Test
    void editedContentWithEveryLaterHashRecomputedIsCaughtByTheCheckpoint() {
        Entry entry = chain.at(7);
        entry.content = entry.content.replace("\"x\":7", "\"x\":700");
        String checkpoint = chain.checkpoint(20);
        chain.rehashFrom(6);
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(checkpoint, 1, 20));

        assertBroken(verify(lines), 20, AuditVerify.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void aDeletedEntryIsASequenceGap() {
        List<String> lines = chain.lines(1, 20);
        lines.remove(10); // sequence 10

        assertBroken(verify(lines), 10, AuditVerify.SEQUENCE_GAP);
    }

    @Test
    void twoSwappedEntriesBreakTheSequence() {
        List<String> lines = chain.lines(1, 20);
        Collections.swap(lines, 5, 6); // sequences 5 and 6

        Result result = verify(lines);

        assertBroken(result, 5, AuditVerify.SEQUENCE_GAP);
        assertThat(result.entries()).isEqualTo(4);
        assertThat(result.lastSequence()).isEqualTo(4);
    }

    @Test
    void swappedEntriesRenumberedBreakTheLinks() {
        Entry fifth = chain.at(5);
        Entry sixth = chain.at(6);
        chain.entries.set(4, sixth);
        chain.entries.set(5, fifth);
        sixth.sequence = 5;
        fifth.sequence = 6;

        assertBroken(verify(chain.export(1, 20)), 5, AuditVerify.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aRepeatedEntryIsOutOfOrder() {
        List<String> lines = chain.lines(1, 20);
        lines.add(6, lines.get(5)); // sequence 5 twice

        assertBroken(verify(lines), 6, AuditVerify.OUT_OF_ORDER);
    }

    @Test
    void aTruncatedTailEndsBeforeTheCheckpoint() {
        List<String> lines = chain.lines(1, 20);
        List<String> truncated = lines.subList(0, 16); // header + 1..15

        Result result = verify(truncated);

        assertBroken(result, 16, AuditVerify.ENDS_BEFORE_CHECKPOINT);
        assertThat(result.entries()).isEqualTo(15);
    }

    @Test
    void anInsertedEntryLinkedInIsOutOfOrder() {
        Entry forged = TestChain.newEntry(10, "{\"x\":\"forged\"}");
        forged.previousHash = chain.at(9).hash;
        forged.hash = TestChain.hash(forged.previousHash, forged.content);
        List<String> lines = chain.lines(1, 20);
        lines.add(10, forged.line()); // before the real sequence 10

        assertBroken(verify(lines), 11, AuditVerify.OUT_OF_ORDER);
    }

    @Test
    void anInsertedEntryWithTheRestRenumberedAndRehashedIsCaughtByTheCheckpoint() {
        String checkpoint = chain.checkpoint(20);
        chain.entries.add(9, TestChain.newEntry(10, "{\"x\":\"forged\"}"));
        for (int i = 10; i < chain.entries.size(); i++) {
            Entry entry = chain.entries.get(i);
            entry.sequence = i + 1;
            entry.content = TestChain.content(entry, "{\"x\":" + i + "}");
        }
        chain.rehashFrom(9);
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(checkpoint, 1, 20));

        assertBroken(verify(lines), 20, AuditVerify.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void aFieldEditedOutsideTheContentDoesNotMatchTheContent() {
        chain.at(12).actor = "someone-else";

        Result result = verify(chain.export(1, 20));

        assertBroken(result, 12, AuditVerify.CONTENT_MISMATCH);
        assertThat(result.reason()).contains("actor");
    }

    @Test
    void everyComparedFieldIsChecked() {
        List<java.util.function.Consumer<Entry>> edits = List.of(
                e -> e.eventId = "00000000-0000-0000-0000-000000000000",
                e -> e.eventType = "CaseOpened.v2",
                e -> e.eventType = "CaseClosed.v1",
                e -> e.aggregateId = "c-other",
                e -> e.correlationId = "k-other",
                e -> e.actor = "u-other");
        for (var edit : edits) {
            TestChain fresh = TestChain.of(5, keys);
            edit.accept(fresh.at(3));

            assertBroken(verify(fresh.export(1, 5)), 3, AuditVerify.CONTENT_MISMATCH);
        }
    }

    @Test
    void contentWithAnotherSequenceDoesNotMatch() {
        Entry entry = chain.at(4);
        entry.content = entry.content.replace("\"sequence\":4", "\"sequence\":40");
        chain.rehashFrom(3);

        assertBroken(verify(chain.export(1, 4)), 4, AuditVerify.CONTENT_MISMATCH);
    }

    @Test
    void theFirstEntryOfTheChainMustLinkToTheGenesis() {
        Entry first = chain.at(1);
        first.previousHash = "1".repeat(64);
        first.hash = TestChain.hash(first.previousHash, first.content);
        chain.rehashFrom(1);

        assertBroken(verify(chain.export(1, 20)), 1, AuditVerify.PREVIOUS_HASH_MISMATCH);
    }

    // -- tampering with the checkpoint

    @Test
    void aCheckpointSignedByAnotherKeyCarryingTheRightKeyIdDoesNotVerify() {
        String forged = TestChain.checkpoint(20, chain.at(20).hash, otherKeys.getPrivate(),
                TestChain.keyId(keys.getPublic()));
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(forged, 1, 20));

        assertBroken(verify(lines), 20, AuditVerify.SIGNATURE_INVALID);
    }

    @Test
    void aCheckpointOfAnotherKeyHasTheWrongKeyId() {
        String forged = TestChain.checkpoint(20, chain.at(20).hash, otherKeys.getPrivate(),
                TestChain.keyId(otherKeys.getPublic()));
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(forged, 1, 20));

        assertBroken(verify(lines), 20, AuditVerify.KEY_ID_MISMATCH);
    }

    @Test
    void anAlteredCheckpointHashDoesNotVerify() {
        String checkpoint = chain.checkpoint(20);
        String altered = checkpoint.replace(chain.at(20).hash, "f".repeat(64));
        assertThat(altered).isNotEqualTo(checkpoint);
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(altered, 1, 20));

        assertBroken(verify(lines), 20, AuditVerify.SIGNATURE_INVALID);
    }

    @Test
    void anAlteredCheckpointSignedAtDoesNotVerify() {
        List<String> lines = chain.lines(1, 20);
        lines.set(0, lines.get(0).replace(TestChain.SIGNED_AT, "2026-12-30T22:00:00.123456Z"));

        assertBroken(verify(lines), 20, AuditVerify.SIGNATURE_INVALID);
    }

    @Test
    void aCheckpointOfAnotherAlgorithmIsRefused() {
        List<String> lines = chain.lines(1, 20);
        lines.set(0, lines.get(0).replace("\"Ed25519\"", "\"Ed448\""));

        assertBroken(verify(lines), 20, AuditVerify.ALGORITHM_UNSUPPORTED);
    }

    @Test
    void entriesBeyondTheCheckpointAreRefused() {
        List<String> lines = chain.lines(1, 15);
        lines.add(chain.at(16).line());
        lines.add(chain.at(17).line());

        Result result = verify(lines);

        assertBroken(result, 16, AuditVerify.BEYOND_CHECKPOINT);
        assertThat(result.entries()).isEqualTo(15);
    }

    @Test
    void aHeaderWhoseRangeDisagreesWithTheCheckpointIsRefused() {
        List<String> lines = chain.lines(1, 20);
        lines.set(0, TestChain.header(chain.checkpoint(15), 1, 20));

        Result result = verify(lines);

        assertThat(result.valid()).isFalse();
        assertThat(result.brokenSequence()).isNull();
        assertThat(result.reason()).startsWith("line 1 is not an export header: toSequence 20");
    }

    // -- malformed input

    @Test
    void aLineThatIsNotJsonIsNotAnEntry() {
        List<String> lines = chain.lines(1, 20);
        lines.set(3, lines.get(3).substring(0, 100)); // sequence 3 on line 4

        assertBroken(verify(lines), 3, "line 4 is not an entry: invalid JSON");
    }

    @Test
    void aLineMissingAMemberIsNotAnEntry() {
        List<String> lines = chain.lines(1, 20);
        lines.set(5, lines.get(5).replace("\"actor\":", "\"author\":"));

        assertBroken(verify(lines), 5, "line 6 is not an entry: missing member \"actor\"");
    }

    @Test
    void aLineWithAMemberTwiceIsNotAnEntry() {
        List<String> lines = chain.lines(1, 20);
        lines.set(5, lines.get(5).replace("{\"sequence\":5,", "{\"sequence\":5,\"sequence\":5,"));

        assertBroken(verify(lines), 5, "line 6 is not an entry: invalid JSON");
        assertThat(verify(lines).reason()).contains("appears twice");
    }

    @Test
    void anEmptyLineIsNotAnEntry() {
        String export = chain.export(1, 20) + "\n";

        assertBroken(verify(export), 21, "line 22 is not an entry");
    }

    @Test
    void anEmptyExportHasNoHeader() {
        Result result = verify("");

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo("the export is empty (no header line)");
    }

    @Test
    void aMalformedHeaderIsRefused() {
        List<String> lines = chain.lines(1, 20);
        lines.set(0, "{\"fromSequence\":1,\"toSequence\":20}");

        Result result = verify(lines);

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).isEqualTo("line 1 is not an export header: missing member \"checkpoint\"");
    }

    @Test
    void strictJson() {
        AuditVerify.Json json = new AuditVerify.Json();
        for (String bad : List.of("{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"a\nb\"", "\"\\x\"", "{\"a\":1} x",
                "'a'", "{a:1}", "nul", "[1 2]", "\"\\u12g4\"", "1e", "{\"a\" 1}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.parse(bad)).as(bad)
                    .isInstanceOf(AuditVerify.Json.JsonException.class);
        }
        assertThat(json.parse(" {\"a\":[1,-2.5e3,true,false,null,\"\\u00e9\\\"\\/\"],\"b\":{}} "))
                .isInstanceOf(java.util.Map.class)
                .hasToString("{a=[Number[text=1, integral=true], Number[text=-2.5e3, integral=false], true, false,"
                        + " null, é\"/], b={}}");
        assertThat(json.parse("[".repeat(200) + "]".repeat(200))).isInstanceOf(List.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.parse("[".repeat(300) + "]".repeat(300)))
                .hasMessageContaining("nested deeper");
    }

    // -- a checkpoint kept by the auditor

    @Test
    void anOverrideCheckpointInsideTheRangeAnchorsTheChain() {
        Result result = verify(chain.export(1, 20), chain.checkpoint(12));

        assertThat(result).isEqualTo(new Result(true, 20, 1, 20, null, null));
    }

    @Test
    void anOverrideCheckpointAtTheFirstExportedEntryIsValid() {
        assertThat(verify(chain.export(5, 20), chain.checkpoint(5)).valid()).isTrue();
    }

    @Test
    void anOverrideCheckpointIsUsedInsteadOfTheEmbeddedOne() {
        List<String> lines = chain.lines(1, 20);
        String forged = TestChain.checkpoint(20, chain.at(20).hash, otherKeys.getPrivate(),
                TestChain.keyId(keys.getPublic()));
        lines.set(0, TestChain.header(forged, 1, 20));

        assertThat(verify(TestChain.join(lines), chain.checkpoint(20)).valid()).isTrue();
    }

    @Test
    void anOverrideCheckpointCatchesARewrittenChain() {
        String kept = chain.checkpoint(12);
        Entry entry = chain.at(7);
        entry.content = entry.content.replace("\"x\":7", "\"x\":700");
        chain.rehashFrom(6);

        // The export's own checkpoint is re-signed over the rewritten chain; the kept one still catches it.
        assertThat(verify(chain.export(1, 20)).valid()).isTrue();
        assertBroken(verify(chain.export(1, 20), kept), 12, AuditVerify.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void entriesAfterAnOverrideCheckpointAreStillCheckedByTheirLinks() {
        Entry entry = chain.at(16);
        entry.content = entry.content.replace("\"x\":16", "\"x\":1600");

        assertBroken(verify(chain.export(1, 20), chain.checkpoint(12)), 16, AuditVerify.HASH_MISMATCH);
    }

    @Test
    void anOverrideCheckpointAfterTheRangeIsOutsideIt() {
        TestChain longer = TestChain.of(30, keys);

        assertBroken(verify(longer.export(1, 20), longer.checkpoint(25)), 25, AuditVerify.OUTSIDE_RANGE);
    }

    @Test
    void anOverrideCheckpointBeforeTheRangeIsOutsideIt() {
        assertBroken(verify(chain.export(10, 20), chain.checkpoint(5)), 5, AuditVerify.OUTSIDE_RANGE);
    }

    @Test
    void anOverrideCheckpointWithAnEmptyRangeIsOutsideIt() {
        String export = TestChain.header(chain.checkpoint(20), 21, 20) + "\n";

        assertBroken(verify(export, chain.checkpoint(20)), 20, AuditVerify.OUTSIDE_RANGE);
    }

    @Test
    void aTruncatedExportWithAnOverrideCheckpointEndsBeforeIt() {
        List<String> lines = chain.lines(1, 20).subList(0, 11); // header + 1..10

        assertBroken(verify(TestChain.join(lines), chain.checkpoint(12)), 11, AuditVerify.ENDS_BEFORE_CHECKPOINT);
    }

    @Test
    void anOverrideCheckpointThatIsNotJsonIsRefused() {
        Result result = verify(chain.export(1, 20), "{\"sequence\":12");

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).startsWith("the checkpoint given is not a checkpoint: invalid JSON");
    }
}
