package dev.resolve.api.security;

import dev.resolve.api.testing.Identities;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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

    @Test
    void shouldReadTheCallerFromTheTokensClaims() {
        Caller caller = Caller.of(Identities.jwt(Map.of("sub", "u-17", "name", Json.createValue("Ada Agent"),
                "preferred_username", "ada", "team", Json.createValue("billing")), "team-lead", "agent"));

        assertThat(caller).isEqualTo(new Caller("u-17", "Ada Agent", List.of("agent", "team-lead"), "billing", null));
    }

    @Test
    void shouldNameTheCallerByUsernameThenSubject() {
        assertThat(Caller.of(Identities.jwt(Map.of("sub", "u-1", "preferred_username", "ada"))).name()).isEqualTo("ada");
        assertThat(Caller.of(Identities.jwt(Map.of("sub", "u-1", "name", " ", "preferred_username", ""))).name()).isEqualTo("u-1");
    }

    @Test
    void shouldReadAPortalUsersCustomerAndIgnoreBlankClaims() {
        Caller caller = Caller.of(Identities.jwt(Map.of("sub", "c-9", "customer", "CUST-1", "team", " "), "customer"));

        assertThat(caller.customer()).isEqualTo("CUST-1");
        assertThat(caller.team()).isNull();
        assertThat(caller.isCustomerOnly()).isTrue();
    }

    @Test
    void shouldNameACallerWithoutAJwtByItsPrincipal() {
        Caller caller = Caller.of(Identities.named("svc-import", "billing-system"));

        assertThat(caller).isEqualTo(new Caller("svc-import", "svc-import", List.of("billing-system"), null, null));
    }

    @Test
    void shouldTellWhichRolesTheCallerHolds() {
        Caller caller = new Caller("u", "u", List.of("agent", "team-lead"), "billing", null);

        assertThat(caller.has("agent")).isTrue();
        assertThat(caller.has("admin")).isFalse();
        assertThat(caller.hasAnyOf("admin", "team-lead")).isTrue();
        assertThat(caller.hasAnyOf("admin", "customer")).isFalse();
        assertThat(caller.hasAnyOf()).isFalse();
    }
}
