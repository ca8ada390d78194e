package dev.resolve.cases.service;

import dev.resolve.api.security.Caller;
import dev.resolve.contracts.security.Roles;
import dev.resolve.api.paging.Page;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.persistence.CaseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads cases for the API. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseQueries {

    private final CaseRepository cases;

    public CaseQueries(CaseRepository cases) {
        this.cases = cases;
    }

    /**
     * Which cases a caller sees: a portal customer their own customer's, an agent (without a wider role) their own
     * team's, everyone else every case. A null field means no restriction; a caller whose token lacks the claim the
     * restriction needs sees nothing.
     */
    record Scope(String customerReference, String team) {

        static final Scope ALL = new Scope(null, null);

        static Scope of(Caller caller) {
            if (caller.isCustomerOnly()) {
                return new Scope(caller.customer() != null ? caller.customer() : "", null);
            }
            if (caller.has(Roles.AGENT) && !caller.hasAnyOf(Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER,
                    Roles.AUDITOR, Roles.ADMIN)) {
                return new Scope(null, caller.team() != null ? caller.team() : "");
            }
            return ALL;
        }

        boolean includes(ServiceCase found) {
            return (customerReference == null || customerReference.equals(found.customerReference()))
                    && (team == null || team.equals(found.team()));
        }
    }

    /**
     * The case with {@code id} if {@code caller} may see it ({@link Scope}); any other is reported as missing, so ids
     * cannot be probed.
     */
    public Optional<ServiceCase> find(UUID id, Caller caller) {
        Scope scope = Scope.of(caller);
        return cases.findByIdOptional(id).filter(scope::includes);
    }

    /** The cases matching the filters that {@code caller} may see ({@link Scope}). */
    public Page<ServiceCase> list(Caller caller, UUID requestId, ServiceCase.Status status, CaseRepository.After after,
            int limit) {
        Scope scope = Scope.of(caller);
        List<ServiceCase> rows = cases.page(scope.customerReference(), scope.team(), requestId, status, after,
                Page.rowsToRead(limit));
        return Page.of(rows, limit, last -> CaseRepository.After.of(last).cursor());
    }

}
