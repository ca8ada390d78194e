package dev.resolve.api.context;

import dev.resolve.api.security.Caller;
import dev.resolve.api.testing.Identities;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CallContextTest {

    private final CallContext context = new CallContext();

    @Test
    void shouldMakeUpOneCorrelationIdPerCall() {
        String correlationId = context.correlationId();

        assertThat(UUID.fromString(correlationId)).hasToString(correlationId);
        assertThat(context.correlationId()).isEqualTo(correlationId);
        assertThat(new CallContext().correlationId()).isNotEqualTo(correlationId);
    }

    @Test
    void shouldKeepTheCorrelationIdTheRequestBrought() {
        context.correlationId("order-42");

        assertThat(context.correlationId()).isEqualTo("order-42");
    }

    @Test
    void shouldBeAnonymousWithoutAVerifiedIdentity() {
        assertThat(context.caller()).isSameAs(Caller.ANONYMOUS);
        assertThat(context.actor()).isEqualTo(CallContext.ANONYMOUS);

        CallContext anonymous = new CallContext();
        anonymous.identity = Identities.anonymous();
        assertThat(anonymous.caller()).isSameAs(Caller.ANONYMOUS);
    }

    @Test
    void shouldNameTheTokensSubjectAsTheActor() {
        context.identity = Identities.jwt(Map.of("sub", "u-17", "name", "Ada Agent", "team", "billing"), "agent");

        assertThat(context.caller()).isEqualTo(new Caller("u-17", "Ada Agent", List.of("agent"), "billing", null));
        assertThat(context.actor()).isEqualTo("u-17");
    }
}
