package dev.resolve.api.context;

import dev.resolve.api.testing.Stubs;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdFiltersTest {

    private final CallContext context = new CallContext();
    private final CorrelationIdFilters filters = new CorrelationIdFilters(context);

    @AfterEach
    void clearLogContext() {
        MDC.remove("correlationId");
    }

    @Test
    void shouldCarryAValidCorrelationIdThroughLogsAndResponse() {
        for (String given : new String[] {"order-42:retry_1.a", "x", "A".repeat(100)}) {
            read(given);

            assertThat(context.correlationId()).isEqualTo(given);
            assertThat(MDC.get("correlationId")).isEqualTo(given);
            assertThat(written().getFirst("X-Correlation-Id")).isEqualTo(given);
        }
    }

    @Test
    void shouldReplaceAMissingOrInvalidCorrelationIdWithANewUuid() {
        for (String given : new String[] {null, "", "with space", "A".repeat(101), "ümlaut", "a/b", "line\nbreak"}) {
            read(given);

            String used = context.correlationId();
            assertThat(UUID.fromString(used)).hasToString(used);
            assertThat(MDC.get("correlationId")).isEqualTo(used);
            assertThat(written().getFirst("X-Correlation-Id")).isEqualTo(used);
        }
    }

    @Test
    void shouldAnswerWithTheCallsCorrelationIdEvenWhenTheRequestFilterDidNotRun() {
        String written = (String) written().getFirst(CorrelationIdFilters.HEADER);

        assertThat(written).isEqualTo(context.correlationId());
        assertThat(UUID.fromString(written)).hasToString(written);
    }

    private void read(String header) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CorrelationIdFilters.HEADER, header);
        filters.readCorrelationId(Stubs.request("POST", "/api/v1/requests", headers));
    }

    private MultivaluedMap<String, Object> written() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        filters.writeCorrelationId(Stubs.stub(ContainerResponseContext.class, Map.of("getHeaders", args -> headers)));
        return headers;
    }
}
