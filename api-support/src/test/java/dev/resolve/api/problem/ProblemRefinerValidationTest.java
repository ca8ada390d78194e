package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How bean-validation failures of a contract-first resource become violations naming the JSON field or parameter:
 * the constraints and JAX-RS annotations sit on the generated interface, the resource only implements it.
 */
class ProblemRefinerValidationTest {

    /** As the contracts' generator writes a resource interface. */
    public interface CasesApi {

        @POST
        Response create(@HeaderParam("Idempotency-Key") @Size(max = 8) String key, @Valid @NotNull CaseBody body);

        @GET
        Response get(@PathParam("caseId") @Pattern(regexp = "CASE-[0-9]+") String caseId);

        @GET
        Response list(@QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("q") @Size(min = 2) String q);
    }

    public static class CasesResource implements CasesApi {

        @Override
        public Response create(String key, CaseBody body) {
            return null;
        }

        @Override
        public Response get(String caseId) {
            return null;
        }

        @Override
        public Response list(Integer limit, String q) {
            return null;
        }
    }

    public static class Money {
        @Size(min = 3, max = 3)
        public String currency;

        Money(String currency) {
            this.currency = currency;
        }
    }

    public static class Line {
        @NotBlank
        public String description;

        Line(String description) {
            this.description = description;
        }
    }

    public static class CaseBody {
        @NotBlank
        public String title = "Refund";
        @Valid
        public Money disputedAmount;
        @Valid
        public List<Line> lines = List.of();
        public List<@NotBlank String> tags = List.of();
    }

    private static ValidatorFactory factory;
    private static Validator validator;
    private final ProblemRefiner refiner = new ProblemRefiner();

    @BeforeAll
    static void startValidation() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stopValidation() {
        factory.close();
    }

    @Test
    void shouldNameQueryParametersFromTheInterface() {
        HttpProblem problem = refine(call("list", 0, "x"));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
        assertViolations(problem).containsExactly(
                tuple("query", "limit", "must be greater than or equal to 1"),
                tuple("query", "q", "size must be between 2 and 2147483647"));
    }

    @Test
    void shouldNamePathAndHeaderParameters() {
        assertViolations(refine(call("get", "case-1")))
                .containsExactly(tuple("path", "caseId", "must match \"CASE-[0-9]+\""));
        assertViolations(refine(call("create", "far-too-long", new CaseBody())))
                .containsExactly(tuple("header", "Idempotency-Key", "size must be between 0 and 8"));
    }

    @Test
    void shouldNameBodyMembersByTheirJsonPath() {
        CaseBody body = new CaseBody();
        body.title = " ";
        body.disputedAmount = new Money("EURO");
        body.lines = List.of(new Line("ok"), new Line(""));
        body.tags = List.of("vip", "");

        HttpProblem problem = refine(call("create", null, body));

        assertViolations(problem).containsExactly(
                tuple("body", "disputedAmount.currency", "size must be between 3 and 3"),
                tuple("body", "lines[1].description", "must not be blank"),
                tuple("body", "tags[1]", "must not be blank"),
                tuple("body", "title", "must not be blank"));
    }

    @Test
    void shouldSayAMissingBodyIsRequired() {
        HttpProblem problem = refine(call("create", null, null));

        assertThat(problem.getDetail()).isEqualTo("1 input is invalid: a request body is required.");
        assertViolations(problem).containsExactly(tuple("body", "", "a request body is required"));
    }

    @Test
    void shouldNameMembersOfABeanValidatedOnItsOwn() {
        CaseBody body = new CaseBody();
        body.title = null;

        assertViolations(refine(validator.validate(body))).containsExactly(tuple("body", "title", "must not be blank"));
    }

    @Test
    void shouldReportTheSameViolationOnce() {
        CaseBody first = new CaseBody();
        first.title = "";
        CaseBody second = new CaseBody();
        second.title = "";
        Set<ConstraintViolation<?>> both = new HashSet<>(validator.validate(first));
        both.addAll(validator.validate(second));
        assertThat(both).hasSize(2);

        assertViolations(refine(both)).containsExactly(tuple("body", "title", "must not be blank"));
    }

    @Test
    void shouldFindTheViolationsBehindAWrapperAndKeepTheInstance() {
        ConstraintViolationException violations = new ConstraintViolationException(call("list", 500, "ok"));
        HttpProblem original = HttpProblem.builder().withStatus(500).withInstance(URI.create("/api/v1/cases")).build();

        HttpProblem problem = refiner.apply(original, ProblemContext.of(new IllegalStateException(violations), "/api/v1/cases"));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getInstance()).isEqualTo(URI.create("/api/v1/cases"));
        assertViolations(problem).containsExactly(tuple("query", "limit", "must be less than or equal to 100"));
    }

    /** The violations of calling the resource's {@code method} with {@code arguments}. */
    private static Set<ConstraintViolation<CasesResource>> call(String name, Object... arguments) {
        Method method = List.of(CasesResource.class.getDeclaredMethods()).stream()
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        Set<ConstraintViolation<CasesResource>> found = validator.forExecutables()
                .validateParameters(new CasesResource(), method, arguments);
        assertThat(found).as("violations of %s", name).isNotEmpty();
        return found;
    }

    private HttpProblem refine(Set<? extends ConstraintViolation<?>> violations) {
        return refiner.apply(HttpProblem.builder().withStatus(400).build(),
                ProblemContext.of(new ConstraintViolationException(violations), "/api/v1/cases"));
    }
}
