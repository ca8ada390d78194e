package dev.resolve.metrics.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.Topics;
import dev.resolve.metrics.api.Kpis.Summary;
import dev.resolve.testing.KafkaTopics;
import dev.resolve.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.resolve.metrics.api.Kpis.CASES;
import static dev.resolve.metrics.api.Kpis.REQUESTS;
import static dev.resolve.metrics.api.Kpis.awaitSummary;
import static dev.resolve.metrics.api.Kpis.summary;
import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * The summary counts each event exactly once. Tests share one database, so they compare counts before and after
 * their own events.
 */
@QuarkusTest
class KpiSummaryTest {

    @Test
    void shouldCountLoggedRequestsByChannelAndType() {
        Summary before = summary();
        Events.logRequest("PORTAL", "REFUND");
        Events.logRequest("PORTAL", "REFUND");
        Events.logRequest("EMAIL", "CREDIT");
        EventEnvelope last = Events.logRequest("SERVICE_DESK", "REFUND");

        Summary after = awaitSummary(s -> s.total(REQUESTS) >= before.total(REQUESTS) + 4);
        assertThat(after.total(REQUESTS) - before.total(REQUESTS)).isEqualTo(4);
        assertThat(after.count(REQUESTS, "PORTAL", "REFUND") - before.count(REQUESTS, "PORTAL", "REFUND")).isEqualTo(2);
        assertThat(after.count(REQUESTS, "EMAIL", "CREDIT") - before.count(REQUESTS, "EMAIL", "CREDIT")).isEqualTo(1);
        assertThat(after.count(REQUESTS, "SERVICE_DESK", "REFUND") - before.count(REQUESTS, "SERVICE_DESK", "REFUND")).isEqualTo(1);
        assertThat(after.byChannel(REQUESTS, "PORTAL") - before.byChannel(REQUESTS, "PORTAL")).isEqualTo(2);
        assertThat(after.byChannel(REQUESTS, "EMAIL") - before.byChannel(REQUESTS, "EMAIL")).isEqualTo(1);
        assertThat(after.byChannel(REQUESTS, "SERVICE_DESK") - before.byChannel(REQUESTS, "SERVICE_DESK")).isEqualTo(1);
        assertThat(after.byType(REQUESTS, "REFUND") - before.byType(REQUESTS, "REFUND")).isEqualTo(3);
        assertThat(after.byType(REQUESTS, "CREDIT") - before.byType(REQUESTS, "CREDIT")).isEqualTo(1);
        assertThat(after.total(CASES)).as("logging a request opens no case").isEqualTo(before.total(CASES));
        assertThat(Instant.parse(after.asOf())).isAfterOrEqualTo(last.occurredAt().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void shouldCountOpenedCasesByChannelAndType() {
        Summary before = summary();
        Events.openCase("PORTAL", "BILLING_DISPUTE");
        Events.openCase("PORTAL", "BILLING_DISPUTE");
        Events.openCase("EMAIL", "WRITE_OFF");

        Summary after = awaitSummary(s -> s.total(CASES) >= before.total(CASES) + 3);
        assertThat(after.total(CASES) - before.total(CASES)).isEqualTo(3);
        assertThat(after.count(CASES, "PORTAL", "BILLING_DISPUTE") - before.count(CASES, "PORTAL", "BILLING_DISPUTE")).isEqualTo(2);
        assertThat(after.count(CASES, "EMAIL", "WRITE_OFF") - before.count(CASES, "EMAIL", "WRITE_OFF")).isEqualTo(1);
        assertThat(after.byChannel(CASES, "PORTAL") - before.byChannel(CASES, "PORTAL")).isEqualTo(2);
        assertThat(after.byType(CASES, "WRITE_OFF") - before.byType(CASES, "WRITE_OFF")).isEqualTo(1);
        assertThat(after.total(REQUESTS)).as("opening a case logs no request").isEqualTo(before.total(REQUESTS));
    }

    @Test
    void shouldCountARedeliveredEventOnce() {
        Summary before = summary();
        String requestId = UUID.randomUUID().toString();
        EventEnvelope envelope = TestEvents.envelope(Events.requestLogged("SERVICE_DESK", "WRITE_OFF"), requestId, "corr-redelivery");
        TestEvents.publish(envelope);
        TestEvents.publish(envelope);
        // Same key, so same partition: once this one is counted, the redelivery before it has been handled too.
        TestEvents.publish(TestEvents.envelope(Events.requestLogged("SERVICE_DESK", "GENERAL_INQUIRY"), requestId, "corr-marker"));

        Summary after = awaitSummary(s -> s.count(REQUESTS, "SERVICE_DESK", "GENERAL_INQUIRY")
                > before.count(REQUESTS, "SERVICE_DESK", "GENERAL_INQUIRY"));
        assertThat(after.count(REQUESTS, "SERVICE_DESK", "WRITE_OFF") - before.count(REQUESTS, "SERVICE_DESK", "WRITE_OFF")).isEqualTo(1);
        assertThat(after.total(REQUESTS) - before.total(REQUESTS)).isEqualTo(2);
    }

    @Test
    void shouldCountACaseOnceEvenWhenItIsAnnouncedTwice() {
        Summary before = summary();
        UUID caseId = UUID.randomUUID();
        // Two events (two event ids) for the same case: only the first one opens it.
        TestEvents.publish(Events.caseOpened(caseId, "EMAIL", "INVOICE_CORRECTION"), caseId.toString());
        TestEvents.publish(Events.caseOpened(caseId, "EMAIL", "INVOICE_CORRECTION"), caseId.toString());
        UUID marker = UUID.randomUUID();
        TestEvents.publish(Events.caseOpened(marker, "EMAIL", "PAYMENT_QUERY"), caseId.toString());

        Summary after = awaitSummary(s -> s.count(CASES, "EMAIL", "PAYMENT_QUERY") > before.count(CASES, "EMAIL", "PAYMENT_QUERY"));
        assertThat(after.count(CASES, "EMAIL", "INVOICE_CORRECTION") - before.count(CASES, "EMAIL", "INVOICE_CORRECTION")).isEqualTo(1);
        assertThat(after.total(CASES) - before.total(CASES)).isEqualTo(2);
    }

    @Test
    void shouldSkipOtherEventTypesOnItsTopics() {
        Summary before = summary();
        String caseId = UUID.randomUUID().toString();
        EventEnvelope other = new EventEnvelope(UUID.randomUUID(), "CaseAssigned", 1, Instant.now(), "case-service", "Case",
                caseId, "corr-other", null, "tester", JsonNodeFactory.instance.objectNode().put("caseId", caseId));
        TestEvents.publish(other);
        TestEvents.publish(Events.caseOpened(UUID.randomUUID(), "SERVICE_DESK", "SERVICE_ISSUE"), caseId);

        Summary after = awaitSummary(s -> s.total(CASES) > before.total(CASES));
        assertThat(after.total(CASES) - before.total(CASES)).isEqualTo(1);
        assertThat(after.total(REQUESTS)).isEqualTo(before.total(REQUESTS));
        assertThat(KafkaTopics.read(Topics.deadLetter("metrics-service"), record -> caseId.equals(record.key())))
                .as("skipped, not dead-lettered").isEmpty();
    }

    @Test
    void shouldNarrowEveryCountToTheGivenChannelAndType() {
        Summary before = summary();
        Events.logRequest("PORTAL", "CREDIT");
        Events.logRequest("EMAIL", "CREDIT");
        Events.openCase("PORTAL", "CREDIT");
        Summary all = awaitSummary(s -> s.total(REQUESTS) >= before.total(REQUESTS) + 2 && s.total(CASES) >= before.total(CASES) + 1);

        asStaff().queryParam("channel", "PORTAL").get("/api/v1/kpis/summary").then().statusCode(200)
                .body("requestsLogged.total", equalTo((int) all.byChannel(REQUESTS, "PORTAL")))
                .body("requestsLogged.byChannel.keySet()", everyItem(equalTo("PORTAL")))
                .body("requestsLogged.byChannelAndType.channel", everyItem(equalTo("PORTAL")))
                .body("casesOpen.total", equalTo((int) all.byChannel(CASES, "PORTAL")))
                .body("casesOpen.byChannel.keySet()", everyItem(equalTo("PORTAL")))
                .body("asOf", equalTo(all.asOf()));

        asStaff().queryParam("type", "CREDIT").get("/api/v1/kpis/summary").then().statusCode(200)
                .body("requestsLogged.total", equalTo((int) all.byType(REQUESTS, "CREDIT")))
                .body("requestsLogged.byType.keySet()", everyItem(equalTo("CREDIT")))
                .body("requestsLogged.byChannelAndType.type", everyItem(equalTo("CREDIT")))
                .body("casesOpen.total", equalTo((int) all.byType(CASES, "CREDIT")));

        asStaff().queryParam("channel", "EMAIL").queryParam("type", "CREDIT").get("/api/v1/kpis/summary").then().statusCode(200)
                .body("requestsLogged.total", equalTo((int) all.count(REQUESTS, "EMAIL", "CREDIT")))
                .body("requestsLogged.byChannel.EMAIL", equalTo((int) all.count(REQUESTS, "EMAIL", "CREDIT")))
                .body("requestsLogged.byType.CREDIT", equalTo((int) all.count(REQUESTS, "EMAIL", "CREDIT")))
                .body("requestsLogged.byChannelAndType.size()", equalTo(1))
                .body("casesOpen.total", equalTo((int) all.count(CASES, "EMAIL", "CREDIT")));
    }

    @Test
    void shouldAnswerWithEveryBreakdownEvenWhenNothingMatches() {
        Events.logRequest("PORTAL", "BILLING_DISPUTE");
        awaitSummary(s -> s.asOf() != null);
        // No test opens a case for a general inquiry by e-mail.
        asStaff().queryParam("channel", "EMAIL").queryParam("type", "GENERAL_INQUIRY").get("/api/v1/kpis/summary")
                .then().statusCode(200)
                .body("casesOpen.total", equalTo(0))
                .body("casesOpen.byChannel.size()", equalTo(0))
                .body("casesOpen.byType.size()", equalTo(0))
                .body("casesOpen.byChannelAndType.size()", equalTo(0));
    }

    @Test
    void shouldRejectUnknownFilterValuesWithAProblem() {
        asStaff().queryParam("channel", "FAX").get("/api/v1/kpis/summary").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("type", equalTo("urn:resolve:problem:validation"))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("channel"))
                .body("violations[0].in", equalTo("query"));
        asStaff().queryParam("type", "REFUNDS").get("/api/v1/kpis/summary").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].in", equalTo("query"));
        asStaff().queryParam("channel", "portal").get("/api/v1/kpis/summary").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("channel"));
        asStaff().queryParam("channel", "EMAIL").queryParam("type", "refund").get("/api/v1/kpis/summary").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("type"));
    }
}
