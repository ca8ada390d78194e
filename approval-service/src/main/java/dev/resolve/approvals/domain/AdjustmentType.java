package dev.resolve.approvals.domain;

/** The financial adjustments that need authorization. */
public enum AdjustmentType {
    REFUND, CREDIT, WRITE_OFF, INVOICE_CORRECTION
}
