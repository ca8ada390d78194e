package dev.resolve.cases.service;

import dev.resolve.cases.domain.CaseStatus;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.persistence.CaseRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads cases for the API. */
@ApplicationScoped
public class CaseQueries {

    /** Largest page a client may ask for. */
    public static final int MAX_LIMIT = 200;

    private final CaseRepository cases;

    public CaseQueries(CaseRepository cases) {
        this.cases = cases;
    }

    public Optional<ServiceCase> find(UUID id) {
        return cases.findByIdOptional(id);
    }

    /** A page of matching cases and, when more follow, where the next page starts. */
    public record Page(List<ServiceCase> items, CaseRepository.After next) {
    }

    public Page list(UUID requestId, CaseStatus status, CaseRepository.After after, int limit) {
        List<ServiceCase> found = cases.page(requestId, status, after, limit + 1);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<ServiceCase> items = found.subList(0, limit);
        ServiceCase last = items.get(limit - 1);
        return new Page(items, new CaseRepository.After(last.openedAt, last.id));
    }
}
