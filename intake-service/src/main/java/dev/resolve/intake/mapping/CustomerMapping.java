package dev.resolve.intake.mapping;

import dev.resolve.api.mapping.BodyReader;
import dev.resolve.api.paging.Page;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.intake.api.generated.beans.Channel;
import dev.resolve.intake.api.generated.beans.Contact;
import dev.resolve.intake.api.generated.beans.Customer;
import dev.resolve.intake.api.generated.beans.CustomerData;
import dev.resolve.intake.api.generated.beans.CustomerPage;
import dev.resolve.intake.api.generated.beans.CustomerTier;
import dev.resolve.intake.api.generated.beans.Kyc;
import dev.resolve.intake.api.generated.beans.KycStatus;
import dev.resolve.intake.api.generated.beans.RiskIndicators;
import dev.resolve.intake.domain.ContactPerson;
import dev.resolve.intake.domain.CreditRisk;
import dev.resolve.intake.domain.CustomerAccount;
import dev.resolve.intake.domain.KycStanding;

import java.util.Date;

/** Between the customers API's beans and the domain. */
public final class CustomerMapping {

    private CustomerMapping() {
    }

    /**
     * What a PUT body says about a customer.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 listing every member that does not hold
     */
    public static CustomerAccount.Content content(CustomerData body) {
        BodyReader reader = new BodyReader();
        KycStanding kyc = kyc(reader, "kyc.", body.getKyc());
        CreditRisk risk = risk(reader, body.getRisk());
        reader.done();
        return new CustomerAccount.Content(body.getName(), body.getSegment(),
                Vocabulary.as(body.getTier(), Vocabulary.CustomerTier.class), kyc, risk,
                Vocabulary.as(body.getPreferredChannel(), Vocabulary.Channel.class),
                body.getContacts().stream().map(contact -> new ContactPerson(contact.getName(), contact.getEmail(),
                        contact.getPhone(), contact.getRole())).toList());
    }

    /**
     * What a PUT body says about a KYC standing.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 listing every member that does not hold
     */
    public static KycStanding kyc(Kyc body) {
        BodyReader reader = new BodyReader();
        KycStanding kyc = kyc(reader, "", body);
        reader.done();
        return kyc;
    }

    private static KycStanding kyc(BodyReader reader, String prefix, Kyc body) {
        var verifiedOn = reader.date(prefix + "verifiedOn", body.getVerifiedOn());
        var expiresOn = reader.date(prefix + "expiresOn", body.getExpiresOn());
        if (verifiedOn != null && expiresOn != null && expiresOn.isBefore(verifiedOn)) {
            reader.reject(prefix + "expiresOn", "must not be before verifiedOn");
        }
        if (body.getStatus() == KycStatus.VERIFIED && body.getVerifiedOn() == null) {
            reader.reject(prefix + "verifiedOn", "is required when status is VERIFIED");
        }
        return new KycStanding(Vocabulary.as(body.getStatus(), Vocabulary.KycStatus.class), verifiedOn, expiresOn);
    }

    private static CreditRisk risk(BodyReader reader, RiskIndicators body) {
        if (body == null) {
            return CreditRisk.NONE;
        }
        var creditLimit = WireBeans.money(reader, "risk.creditLimit", body.getCreditLimit());
        var exposure = WireBeans.money(reader, "risk.currentExposure", body.getCurrentExposure());
        if (creditLimit != null && exposure != null && !creditLimit.currency().equals(exposure.currency())) {
            reader.reject("risk.currentExposure.currency", "must be the credit limit's currency " + creditLimit.currency());
        }
        return new CreditRisk(creditLimit, exposure, reader.decimal("risk.dscr", body.getDscr()),
                body.getAverageDaysBeyondTerms(), body.getLatePaymentsLast12Months());
    }

    public static CustomerPage view(Page<CustomerAccount> page) {
        CustomerPage view = new CustomerPage();
        view.setItems(page.items().stream().map(CustomerMapping::view).toList());
        view.setNextCursor(page.nextCursor());
        return view;
    }

    /** The customer as the API shows it, with the KYC status in effect today. */
    public static Customer view(CustomerAccount customer) {
        Customer view = new Customer();
        view.setReference(customer.reference());
        view.setName(customer.name());
        view.setSegment(customer.segment());
        view.setTier(Vocabulary.as(customer.tier(), CustomerTier.class));
        Kyc kyc = new Kyc();
        kyc.setStatus(Vocabulary.as(customer.kyc().currentStatus(), KycStatus.class));
        kyc.setVerifiedOn(WireBeans.date(customer.kyc().verifiedOn()));
        kyc.setExpiresOn(WireBeans.date(customer.kyc().expiresOn()));
        view.setKyc(kyc);
        CreditRisk risk = customer.risk();
        if (!risk.equals(CreditRisk.NONE)) {
            RiskIndicators indicators = new RiskIndicators();
            indicators.setCreditLimit(WireBeans.amount(risk.creditLimit()));
            indicators.setCurrentExposure(WireBeans.amount(risk.currentExposure()));
            indicators.setDscr(risk.dscr() == null ? null : risk.dscr().toPlainString());
            indicators.setAverageDaysBeyondTerms(risk.averageDaysBeyondTerms());
            indicators.setLatePaymentsLast12Months(risk.latePaymentsLast12Months());
            view.setRisk(indicators);
        }
        view.setPreferredChannel(Vocabulary.as(customer.preferredChannel(), Channel.class));
        view.setContacts(customer.contacts().stream().map(person -> {
            Contact contact = new Contact();
            contact.setName(person.name());
            contact.setEmail(person.email());
            contact.setPhone(person.phone());
            contact.setRole(person.role());
            return contact;
        }).toList());
        view.setVersion(customer.version());
        view.setUpdatedAt(Date.from(customer.updatedAt()));
        return view;
    }
}
