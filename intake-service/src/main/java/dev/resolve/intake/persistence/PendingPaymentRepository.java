package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.PendingPayment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Payments waiting for their invoice. */
@ApplicationScoped
public class PendingPaymentRepository implements PanacheRepositoryBase<PendingPayment, String> {
}
