package dev.resolve.plumbing.admin;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.paging.Page;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.plumbing.inbox.DeadLetterTopic;
import dev.resolve.plumbing.outbox.OutboxAdministration;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * The event pipe's administration API of every service, as written in
 * {@code shared-contracts/src/main/openapi/event-admin/openapi.yaml} (merged into each service's document).
 */
@Path("/api/v1/admin/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventAdminResource {

    private final OutboxAdministration outbox;
    private final DeadLetterTopic deadLetters;

    public EventAdminResource(OutboxAdministration outbox, DeadLetterTopic deadLetters) {
        this.outbox = outbox;
        this.deadLetters = deadLetters;
    }

    /** One page of parked outbox events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParkedEventPage(List<OutboxAdministration.ParkedEvent> items, String nextCursor) {
    }

    /** How many dead letters went back to their topics. */
    public record RedriveResult(int redriven) {
    }

    @GET
    @Path("/outbox/parked")
    @RolesAllowed({Roles.ADMIN, Roles.OPS, Roles.AUDITOR})
    public ParkedEventPage listParkedEvents(@QueryParam("limit") @Min(1) @Max(200) Integer limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        Long after = Cursor.decode(cursor, 1, key -> Long.parseLong(key.get(0)));
        int size = limit == null ? 50 : limit;
        Page<OutboxAdministration.ParkedEvent> page = Page.of(outbox.parked(after == null ? 0 : after, Page.rowsToRead(size)),
                size, last -> Cursor.of(Long.toString(last.position())));
        return new ParkedEventPage(page.items(), page.nextCursor());
    }

    @POST
    @Path("/outbox/parked/{eventId}/retry")
    @RolesAllowed({Roles.ADMIN, Roles.OPS})
    public Response retryParkedEvent(@PathParam("eventId") String eventId) {
        UUID id = Parameters.pathUuid("eventId", eventId);
        if (!outbox.retry(id)) {
            throw Problems.notFound("No parked outbox event has the id " + id + ".");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.ADMIN, Roles.OPS, Roles.AUDITOR})
    public DeadLetterTopic.Waiting listDeadLetters(@QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        try {
            return deadLetters.waiting(limit == null ? 100 : limit);
        } catch (DeadLetterTopic.UnavailableException e) {
            throw unavailable(e);
        }
    }

    @POST
    @Path("/dead-letters/redrive")
    @RolesAllowed({Roles.ADMIN, Roles.OPS})
    public RedriveResult redriveDeadLetters() {
        try {
            return new RedriveResult(deadLetters.redrive());
        } catch (DeadLetterTopic.UnavailableException e) {
            throw unavailable(e);
        }
    }

    private static HttpProblem unavailable(DeadLetterTopic.UnavailableException e) {
        return HttpProblem.builder().withStatus(503).withTitle("Service Unavailable")
                .withDetail(e.getMessage() + " Nothing was changed; retry later.").withHeader("Retry-After", 10).build();
    }
}
