package dev.resolve.intake.service;

import dev.resolve.contracts.vocabulary.Vocabulary.Channel;
import dev.resolve.contracts.vocabulary.Vocabulary.RequestType;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.mapping.RequestEvents;
import dev.resolve.intake.persistence.DisputeRepository;
import dev.resolve.intake.persistence.ReferenceLocks;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.outbox.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Disputes billing systems post, over REST or on {@code billing.disputes}. A dispute is identified by its source
 * system and external id on both paths: the first arrival decides, later ones (retries, redeliveries, the other path)
 * change nothing and get the same answer. A dispute that keeps the rules of logging becomes a {@code BILLING_DISPUTE}
 * request; one that breaks a rule is recorded as rejected and reported on {@code billing.dispute-results}. Nothing is
 * lost either way.
 */
@ApplicationScoped
@Transactional
public class DisputeIntake {

    /** Longest request subject the contract allows. */
    private static final int SUBJECT_LENGTH = 200;

    private final DisputeRepository disputes;
    private final RequestIntake intake;
    private final ReferenceLocks locks;
    private final EventPublisher events;

    public DisputeIntake(DisputeRepository disputes, RequestIntake intake, ReferenceLocks locks, EventPublisher events) {
        this.disputes = disputes;
        this.intake = intake;
        this.locks = locks;
        this.events = events;
    }

    /** The dispute as recorded, and whether this arrival was the first. */
    public record Received(BillingDispute dispute, boolean first) {
    }

    /** Records a dispute the first time it arrives, on whichever path; answers the first verdict after that. */
    public Received receive(BillingDispute.Content content, BillingDispute.Arrival arrival, EventMetadata metadata) {
        locks.lock("dispute", content.key());
        Optional<BillingDispute> known = disputes.find(content.sourceSystem(), content.externalDisputeId());
        if (known.isPresent()) {
            Log.infof("Dispute %s arrived again (%s); its %s verdict stands", content.key(), arrival, known.get().outcome());
            return new Received(known.get(), false);
        }
        RequestIntake.Outcome outcome = intake.logChecked(request(content), content.key(), metadata);
        BillingDispute dispute = outcome.logged() != null
                ? BillingDispute.accepted(content, arrival, outcome.logged())
                : BillingDispute.rejected(content, arrival, outcome.breach());
        disputes.persist(dispute);
        if (dispute.outcome() == BillingDispute.Outcome.REJECTED) {
            events.publish(content.key(), RequestEvents.rejected(dispute), metadata);
        }
        return new Received(dispute, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BillingDispute> find(String sourceSystem, String externalDisputeId) {
        return disputes.find(sourceSystem, externalDisputeId);
    }

    /** The request a dispute asks for: a billing dispute of the invoice's amount, from the billing system. */
    private static CustomerRequest.Content request(BillingDispute.Content content) {
        String subject = "Dispute " + content.externalDisputeId() + " from " + content.sourceSystem() + " ("
                + content.reasonCode() + ")";
        return new CustomerRequest.Content(Channel.BILLING_SYSTEM, content.customerReference(), RequestType.BILLING_DISPUTE,
                subject.length() > SUBJECT_LENGTH ? subject.substring(0, SUBJECT_LENGTH) : subject,
                content.description(), content.amount(), content.invoiceNumber());
    }
}
