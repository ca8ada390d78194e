package dev.resolve.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.resolve.api.json.NulCharacterException;
import dev.resolve.api.json.StrictJsonInput;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** How unreadable request bodies, read by a mapper configured as the services' is, become 400 problems. */
class ProblemRefinerJsonTest {

    enum Channel { EMAIL, PORTAL }

    record Money(BigDecimal amount, String currency) {
    }

    record Line(String description, Money disputedAmount) {
    }

    record Request(String title, Channel channel, Money disputedAmount, List<Line> lines, List<String> tags,
            Boolean urgent, Integer count, UUID caseId, LocalDate dueOn, Instant raisedAt) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    static {
        new StrictJsonInput().customize(MAPPER);
    }

    private final ProblemRefiner refiner = new ProblemRefiner();

    @Test
    void shouldNameAMemberTheContractDoesNotDefine() {
        assertRefused(UnrecognizedPropertyException.class, "{\"title\":\"t\",\"status\":\"CLOSED\"}",
                "status", ProblemRefiner.UNKNOWN_MEMBER);
    }

    @Test
    void shouldNameAnUnknownMemberByItsPath() {
        assertRefused("{\"lines\":[{\"description\":\"d\",\"id\":1}]}", "lines[0].id",
                ProblemRefiner.UNKNOWN_MEMBER);
    }

    @Test
    void shouldListTheAllowedValuesOfAnEnumeration() {
        assertRefused(InvalidFormatException.class, "{\"channel\":\"FAX\"}", "channel", "must be one of [EMAIL, PORTAL]");
    }

    @Test
    void shouldRefuseANumberWhereTheContractSaysString() {
        assertRefused(MismatchedInputException.class, "{\"disputedAmount\":{\"amount\":\"1\",\"currency\":978}}",
                "disputedAmount.currency", "must be a string");
    }

    @Test
    void shouldNameTheKindOfValueEachMemberNeeds() {
        assertRefused("{\"title\":{}}", "title", "must be a string");
        assertRefused("{\"urgent\":\"maybe\"}", "urgent", "must be true or false");
        assertRefused("{\"count\":\"many\"}", "count", "must be an integer");
        assertRefused("{\"disputedAmount\":{\"amount\":\"ten\"}}", "disputedAmount.amount", "must be a number");
        assertRefused("{\"tags\":{}}", "tags", "must be an array");
        assertRefused("{\"disputedAmount\":[]}", "disputedAmount", "must be an object");
    }

    @Test
    void shouldSayWhatAnIdADateOrATimeMustLookLike() {
        assertRefused("{\"caseId\":\"nope\"}", "caseId", "must be a UUID such as 3f6c1d2a-8b4e-4c1f-9a7d-2e5b8c9d0a11");
        assertRefused("{\"dueOn\":\"2020-13-45\"}", "dueOn", "must be a date such as 2026-11-30");
        assertRefused("{\"raisedAt\":\"yesterday\"}", "raisedAt", "must be an ISO 8601 time such as 2026-11-30T09:15:00Z");
    }

    @Test
    void shouldNameArrayElementsByIndex() {
        assertRefused("{\"lines\":[{},{\"disputedAmount\":{\"currency\":true}}]}", "lines[1].disputedAmount.currency",
                "must be a string");
        assertRefused("{\"tags\":[\"a\",1]}", "tags[1]", "must be a string");
    }

    @Test
    void shouldNameAStringHoldingTheNulCharacter() {
        assertRefused(NulCharacterException.class, "{\"lines\":[{\"description\":\"a\\u0000b\"}]}",
                "lines[0].description", NulCharacterException.MESSAGE);
    }

    @Test
    void shouldSayWhatTheWholeBodyMustBe() {
        for (String body : new String[] {"[]", "\"text\"", "42"}) {
            assertRefused(body, "", "the request body must be an object");
        }
    }

    @Test
    void shouldAnswerMalformedJsonWithItsOwnTypeAndTheLocation() {
        HttpProblem problem = refined(unreadable("{\n  \"title\" \"t\"}"));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Bad Request");
        assertThat(problem.getType()).isEqualTo(ProblemTypes.MALFORMED_JSON);
        assertThat(problem.getDetail()).isEqualTo("The request body is not valid JSON (line 2, column 11).");
        assertThat(problem.getParameters()).doesNotContainKey("violations");
    }

    @Test
    void shouldFindTheJsonErrorBehindAWrapper() {
        JsonProcessingException error = unreadable("{\"channel\":\"FAX\"}");

        assertViolation(refine(badRequest(), new ProcessingException(error)), "channel", "must be one of [EMAIL, PORTAL]");
    }

    @Test
    void shouldKeepTheInstanceOfTheOriginalProblem() {
        HttpProblem original = HttpProblem.builder(badRequest()).withInstance(URI.create("/api/v1/requests")).build();

        HttpProblem problem = refine(original, unreadable("{\"id\":1}"));

        assertThat(problem.getInstance()).isEqualTo(URI.create("/api/v1/requests"));
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
    }

    @Test
    void shouldLeaveAJsonErrorOfAnotherStatusAlone() {
        HttpProblem serverError = HttpProblem.builder().withStatus(500).withTitle("Internal Server Error").build();

        assertThat(refine(serverError, unreadable("{\"id\":1}"))).isSameAs(serverError);
    }

    @Test
    void shouldLeaveProblemsWithOtherCausesAlone() {
        HttpProblem notFound = Problems.notFound("No such case.");

        assertThat(refine(notFound, new IllegalStateException("boom"))).isSameAs(notFound);
        assertThat(refine(notFound, null)).isSameAs(notFound);
    }

    /** Reading {@code json} fails with a {@code type}, which the refiner turns into one violation of {@code field}. */
    private void assertRefused(Class<? extends JsonProcessingException> type, String json, String field, String message) {
        assertThat(unreadable(json)).isInstanceOf(type);
        assertRefused(json, field, message);
    }

    /** Reading {@code json} fails, and the refiner turns that into one violation of {@code field}. */
    private void assertRefused(String json, String field, String message) {
        assertViolation(refined(unreadable(json)), field, message);
    }

    private static JsonProcessingException unreadable(String json) {
        JsonProcessingException error = catchThrowableOfType(JsonProcessingException.class, () -> MAPPER.readValue(json, Request.class));
        assertThat(error).as("reading %s", json).isNotNull();
        return error;
    }

    private HttpProblem refined(Throwable cause) {
        return refine(badRequest(), cause);
    }

    private HttpProblem refine(HttpProblem problem, Throwable cause) {
        return refiner.apply(problem, ProblemContext.of(cause, "/api/v1/requests"));
    }

    /** What the problem extension makes of a JSON error before the refiner sees it. */
    private static HttpProblem badRequest() {
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request").build();
    }

    private static void assertViolation(HttpProblem problem, String field, String message) {
        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
        assertViolations(problem).containsExactly(tuple("body", field, message));
    }
}
