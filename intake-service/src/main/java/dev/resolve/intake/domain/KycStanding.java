package dev.resolve.intake.domain;

import dev.resolve.contracts.vocabulary.Vocabulary.KycStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A customer's KYC standing as compliance recorded it. Verification is valid through {@code expiresOn} inclusive;
 * after that a {@code VERIFIED} (or {@code PENDING}) standing reads as {@code EXPIRED}; a {@code REJECTED} one stays
 * rejected.
 */
@Embeddable
public record KycStanding(
        @Enumerated(EnumType.STRING) @Column(name = "kyc_status") KycStatus status,
        @Column(name = "kyc_verified_on") LocalDate verifiedOn,
        @Column(name = "kyc_expires_on") LocalDate expiresOn) {

    public KycStanding {
        Objects.requireNonNull(status, "status");
    }

    /** Today, as KYC expiry is judged: in UTC, and a verification valid through a date is still valid on it. */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The status as it reads today. */
    public KycStatus currentStatus() {
        return effectiveStatus(today());
    }

    /** Why a financial request of this customer logged today is held for KYC review, or null when it is not. */
    public String currentHoldReason() {
        return holdReason(today());
    }

    /** The status as it reads {@code on} that day. */
    public KycStatus effectiveStatus(LocalDate on) {
        if (status != KycStatus.REJECTED && expiresOn != null && on.isAfter(expiresOn)) {
            return KycStatus.EXPIRED;
        }
        return status;
    }

    /**
     * Why a financial request of this customer is held for KYC review {@code on} that day, or null when it is not:
     * only a verification still in force lets money move without review.
     */
    public String holdReason(LocalDate on) {
        KycStatus effective = effectiveStatus(on);
        return switch (effective) {
            case VERIFIED -> null;
            case EXPIRED -> expiresOn != null ? "KYC expired on " + expiresOn : "KYC has expired";
            case PENDING -> "KYC verification is pending";
            case REJECTED -> "KYC was rejected";
        };
    }
}
