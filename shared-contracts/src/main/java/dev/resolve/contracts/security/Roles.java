package dev.resolve.contracts.security;

import java.util.List;

/**
 * The roles a caller's token can carry (claim {@code groups}), the one list every service and contract uses. Each
 * OpenAPI document names, per operation, the roles allowed to call it ({@code x-roles}); the services enforce the
 * same with {@code @RolesAllowed}.
 */
public final class Roles {

    /** Works cases of their own team. */
    public static final String AGENT = "agent";
    /** Leads a team: its queue, assignments, escalations. */
    public static final String TEAM_LEAD = "team-lead";
    /** Approves adjustments within their limits. */
    public static final String FINANCE_MANAGER = "finance-manager";
    /** Approves the largest adjustments; reads the audit trail. */
    public static final String CONTROLLER = "controller";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Administers the suite: policies, reference data, the event pipe. */
    public static final String ADMIN = "admin";
    /** A billing system posting disputes and reading their outcome. */
    public static final String BILLING_SYSTEM = "billing-system";
    /** Operations: health, metrics, the event pipe's parked and dead-lettered events. */
    public static final String OPS = "ops";
    /** A portal user: sees and creates only their own customer's requests and cases (claim {@code customer}). */
    public static final String CUSTOMER = "customer";

    /** Every role, in the order the documentation lists them. */
    public static final List<String> ALL = List.of(AGENT, TEAM_LEAD, FINANCE_MANAGER, CONTROLLER, AUDITOR, ADMIN,
            BILLING_SYSTEM, OPS, CUSTOMER);

    private Roles() {
    }
}
