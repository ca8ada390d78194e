package dev.resolve.intake.persistence;

import dev.resolve.api.paging.Cursor;
import dev.resolve.contracts.vocabulary.Vocabulary.CustomerTier;
import dev.resolve.contracts.vocabulary.Vocabulary.KycStatus;
import dev.resolve.intake.domain.CustomerAccount;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Stores the customer master and reads it a page at a time, ordered by reference. */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<CustomerAccount, String> {

    /** Where a page starts: after the customer with {@code reference}. */
    public record After(String reference) {

        public static After of(CustomerAccount last) {
            return new After(last.reference());
        }

        /** The key a cursor holds; any exception means it is not one {@link #cursor()} made. */
        public static After from(Cursor cursor) {
            return new After(cursor.get(0));
        }

        public Cursor cursor() {
            return Cursor.of(reference);
        }
    }

    /**
     * Up to {@code limit} customers matching the filters (each may be null), by reference, after {@code after}.
     *
     * @param search the start of the reference or a part of the name, in any case
     * @param kycStatus the effective KYC status {@code on} that day (an expired verification reads EXPIRED)
     */
    public List<CustomerAccount> page(String search, CustomerTier tier, KycStatus kycStatus, LocalDate on, After after, int limit) {
        StringJoiner where = new StringJoiner(" and ");
        List<Object> parameters = new ArrayList<>();
        if (search != null) {
            String text = search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            parameters.add(text + "%");
            int prefix = parameters.size();
            parameters.add("%" + text + "%");
            where.add("(lower(reference) like ?" + prefix + " escape '\\' or lower(name) like ?" + parameters.size() + " escape '\\')");
        }
        if (tier != null) {
            parameters.add(tier);
            where.add("tier = ?" + parameters.size());
        }
        if (kycStatus != null) {
            parameters.add(on);
            String expired = "(kyc.expiresOn is not null and kyc.expiresOn < ?" + parameters.size() + ")";
            parameters.add(kycStatus);
            String stored = "kyc.status = ?" + parameters.size();
            where.add(switch (kycStatus) {
                case REJECTED -> stored;
                case EXPIRED -> {
                    parameters.add(List.of(KycStatus.VERIFIED, KycStatus.PENDING));
                    yield "(" + stored + " or (kyc.status in ?" + parameters.size() + " and " + expired + "))";
                }
                case VERIFIED, PENDING -> "(" + stored + " and not " + expired + ")";
            });
        }
        if (after != null) {
            parameters.add(after.reference());
            where.add("reference > ?" + parameters.size());
        }
        String query = (where.length() == 0 ? "" : where + " ") + "order by reference";
        return find(query, parameters.toArray()).page(0, limit).list();
    }

    /** CustomerAccount {@code id} to check a request against, loaded read-only (see {@link ReadOnly}). */
    public Optional<CustomerAccount> findForChecking(String id) {
        return ReadOnly.find(this, CustomerAccount.class, id);
    }
}
