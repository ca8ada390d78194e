package dev.resolve.api.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    @Test
    void shouldTreatOnlyAPureCustomerAsACustomer() {
        assertThat(new Caller("c", "c", List.of("customer"), null, "CUST-1").isCustomerOnly()).isTrue();
        assertThat(new Caller("c", "c", List.of("customer", "agent"), null, "CUST-1").isCustomerOnly()).isFalse();
        assertThat(new Caller("a", "a", List.of("agent"), "billing", null).isCustomerOnly()).isFalse();
        assertThat(new Caller("n", "n", List.of(), null, null).isCustomerOnly()).isFalse();
    }

    @Test
    void shouldKeepRolesSorted() {
        assertThat(new Caller("u", "u", List.of("team-lead", "agent"), null, null).roles()).containsExactly("agent", "team-lead");
        assertThat(new Caller("u", "u", null, null, null).roles()).isEmpty();
    }
}
