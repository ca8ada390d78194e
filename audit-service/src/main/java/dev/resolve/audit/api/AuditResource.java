package dev.resolve.audit.api;

import dev.resolve.api.paging.Cursor;
import dev.resolve.audit.api.generated.ApiResource;
import dev.resolve.audit.api.generated.beans.AuditEntryPage;
import dev.resolve.audit.api.generated.beans.ChainVerification;
import dev.resolve.audit.mapping.AuditMapping;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.audit.service.AuditTrail;
import dev.resolve.audit.service.ChainVerifier;
import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/**
 * The audit API of the contract {@code shared-contracts/src/main/openapi/audit-service/openapi.yaml}. The contract's
 * checks (aggregateId present and not blank, limit 1 to 200) run before these methods.
 */
public class AuditResource implements ApiResource {

    private final AuditTrail trail;
    private final ChainVerifier verifier;

    public AuditResource(AuditTrail trail, ChainVerifier verifier) {
        this.trail = trail;
        this.verifier = verifier;
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public AuditEntryPage listAuditEntries(String aggregateId, Integer limit, String cursor) {
        AuditEntryRepository.After after = Cursor.decode(cursor, 2, key -> AuditEntryRepository.After.from(key, aggregateId));
        return AuditMapping.view(trail.page(after == null ? new AuditEntryRepository.After(aggregateId, 0) : after, limit));
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public ChainVerification verifyAuditChain() {
        return AuditMapping.view(verifier.verify());
    }
}
