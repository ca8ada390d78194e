package dev.resolve.audit.api;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.problem.Problems;
import dev.resolve.audit.api.generated.ApiResource;
import dev.resolve.audit.api.generated.beans.AuditEntryPage;
import dev.resolve.audit.api.generated.beans.ChainVerification;
import dev.resolve.audit.api.generated.beans.Checkpoint;
import dev.resolve.audit.api.generated.beans.CheckpointPage;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.mapping.AuditMapping;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.audit.service.AuditExport;
import dev.resolve.audit.service.AuditTrail;
import dev.resolve.audit.service.ChainVerifier;
import dev.resolve.audit.service.Checkpoints;
import dev.resolve.audit.service.HeavyReads;
import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit API of the contract {@code shared-contracts/src/main/openapi/audit-service/openapi.yaml}. The contract's
 * checks (filter texts, limit 1 to 200, sequences from 1, checkpoint hash and key id patterns) run before these
 * methods. Verify, export and signing on demand walk the chain: each takes one of the caller's heavy reads first.
 */
public class AuditResource implements ApiResource {

    /** The problem type of a signing or export refused because the chain has no entry. */
    static final URI EMPTY_CHAIN = URI.create("urn:resolve:problem:audit-chain-empty");
    /** The problem type of a signing refused because the chain no longer extends the last checkpoint. */
    static final URI CHAIN_ALTERED = URI.create("urn:resolve:problem:audit-chain-altered");

    private final AuditTrail trail;
    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;
    private final AuditExport export;
    private final HeavyReads heavyReads;
    private final CallContext call;

    @Context
    UriInfo uri;

    public AuditResource(AuditTrail trail, ChainVerifier verifier, Checkpoints checkpoints, AuditExport export,
            HeavyReads heavyReads, CallContext call) {
        this.trail = trail;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.export = export;
        this.heavyReads = heavyReads;
        this.call = call;
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public AuditEntryPage listAuditEntries(String aggregateId, String caseId, String requestId, String customerReference,
            String actor, String eventType, String correlationId, String occurredFrom, String occurredTo, Integer limit,
            String cursor) {
        // The framework passes an empty parameter (?actor=) on as absent: refused here, or it would read unfiltered.
        AuditMapping.requireNoEmptyFilter(uri.getQueryParameters());
        AuditEntryRepository.Filter filter = AuditMapping.filter(aggregateId, caseId, requestId, customerReference, actor,
                eventType, correlationId, occurredFrom, occurredTo);
        long after = cursor == null ? 0 : Cursor.decode(cursor, 2, filter::after);
        return AuditMapping.entries(trail.search(filter, after, limit));
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public ChainVerification verifyAuditChain(Long checkpointSequence, String checkpointHash, String checkpointSignedAt,
            String checkpointKeyId, String checkpointSignature) {
        Optional<ChainCheckpoint> given = AuditMapping.checkpoint(checkpointSequence, checkpointHash, checkpointSignedAt, checkpointKeyId,
                checkpointSignature);
        heavyReads.take(call.caller().subject());
        return AuditMapping.view(verifier.verify(given));
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public CheckpointPage listAuditCheckpoints(Integer limit, String cursor) {
        long before = cursor == null ? Long.MAX_VALUE : Cursor.decode(cursor, 1, AuditMapping::checkpointCursor);
        return AuditMapping.checkpoints(checkpoints.page(before, limit));
    }

    @Override
    @RolesAllowed({Roles.CONTROLLER, Roles.ADMIN})
    public Checkpoint signAuditCheckpoint() {
        heavyReads.take(call.caller().subject());
        return AuditMapping.view(unlessRefused(() -> checkpoints.signHead().checkpoint()));
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public Response exportAuditTrail(Long fromSequence, Long toSequence) {
        heavyReads.take(call.caller().subject());
        AuditExport.Plan plan = unlessRefused(() -> export.plan(fromSequence == null ? 1 : fromSequence, toSequence));
        StreamingOutput body = out -> export.write(plan, out);
        return Response.ok(body, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-" + plan.fromSequence() + "-"
                        + plan.toSequence() + ".ndjson\"")
                .build();
    }

    /** {@code work}'s result; a chain that is empty or no longer extends the last checkpoint is a 409 saying which. */
    private static <T> T unlessRefused(Supplier<T> work) {
        try {
            return work.get();
        } catch (Checkpoints.EmptyChainException e) {
            throw Problems.conflict(EMPTY_CHAIN, e.getMessage());
        } catch (Checkpoints.ChainAlteredException e) {
            throw Problems.conflict(CHAIN_ALTERED, e.getMessage());
        }
    }
}
