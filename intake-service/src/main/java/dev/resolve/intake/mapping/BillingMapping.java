package dev.resolve.intake.mapping;

import dev.resolve.api.mapping.BodyReader;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.intake.api.generated.beans.Contract;
import dev.resolve.intake.api.generated.beans.ContractData;
import dev.resolve.intake.api.generated.beans.ContractPricing;
import dev.resolve.intake.api.generated.beans.Dispute;
import dev.resolve.intake.api.generated.beans.DisputeArrival;
import dev.resolve.intake.api.generated.beans.DisputeOutcome;
import dev.resolve.intake.api.generated.beans.Invoice;
import dev.resolve.intake.api.generated.beans.InvoiceData;
import dev.resolve.intake.api.generated.beans.InvoiceLine;
import dev.resolve.intake.api.generated.beans.InvoiceStatus;
import dev.resolve.intake.api.generated.beans.NewDispute;
import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.InvalidContentException;
import dev.resolve.intake.domain.InvoiceItem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/** Between the billing API's beans (invoices, contracts, disputes) and the domain. */
public final class BillingMapping {

    private BillingMapping() {
    }

    /**
     * What a PUT body says about an invoice at its version.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 listing every member that does not hold
     */
    public static CustomerInvoice.Content content(InvoiceData body) {
        BodyReader reader = new BodyReader();
        var issuedOn = reader.date("issuedOn", body.getIssuedOn());
        var dueOn = reader.date("dueOn", body.getDueOn());
        Money total = WireBeans.money(reader, "total", body.getTotal());
        Money openAmount = WireBeans.money(reader, "openAmount", body.getOpenAmount());
        List<InvoiceItem> items = new ArrayList<>();
        for (int i = 0; i < body.getLines().size(); i++) {
            InvoiceLine line = body.getLines().get(i);
            items.add(new InvoiceItem(line.getDescription(), reader.decimal("lines[" + i + "].quantity", line.getQuantity()),
                    WireBeans.money(reader, "lines[" + i + "].unitPrice", line.getUnitPrice()),
                    WireBeans.money(reader, "lines[" + i + "].amount", line.getAmount())));
        }
        reader.done();
        return checked(reader, () -> new CustomerInvoice.Content(body.getCustomerReference(), issuedOn, dueOn,
                body.getCurrency(), total, openAmount, Vocabulary.as(body.getStatus(), Vocabulary.InvoiceStatus.class),
                body.getContractId(), items));
    }

    public static Invoice view(CustomerInvoice invoice) {
        Invoice view = new Invoice();
        view.setInvoiceNumber(invoice.number());
        view.setCustomerReference(invoice.customerReference());
        view.setIssuedOn(WireBeans.date(invoice.issuedOn()));
        view.setDueOn(WireBeans.date(invoice.dueOn()));
        view.setCurrency(invoice.currency());
        view.setTotal(WireBeans.amount(invoice.total()));
        view.setOpenAmount(WireBeans.amount(invoice.openAmount()));
        view.setStatus(Vocabulary.as(invoice.status(), InvoiceStatus.class));
        view.setContractId(invoice.contractId());
        view.setLines(invoice.lines().stream().map(item -> {
            InvoiceLine line = new InvoiceLine();
            line.setDescription(item.description());
            line.setQuantity(item.quantity() == null ? null : item.quantity().toPlainString());
            line.setUnitPrice(WireBeans.amount(item.unitPrice()));
            line.setAmount(WireBeans.amount(item.amount()));
            return line;
        }).toList());
        view.setVersion(invoice.version());
        view.setUpdatedAt(Date.from(invoice.updatedAt()));
        return view;
    }

    /**
     * What a PUT body says about a contract at its version.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 listing every member that does not hold
     */
    public static BillingContract.Content content(ContractData body) {
        BodyReader reader = new BodyReader();
        var validFrom = reader.date("validFrom", body.getValidFrom());
        var validTo = reader.date("validTo", body.getValidTo());
        ContractPricing terms = body.getPricing();
        BillingContract.Pricing pricing = terms == null ? null : new BillingContract.Pricing(terms.getPriceList(),
                reader.decimal("pricing.discountPercent", terms.getDiscountPercent()), terms.getPaymentTermsDays());
        reader.done();
        return checked(reader, () -> new BillingContract.Content(body.getCustomerReference(), pricing, validFrom, validTo));
    }

    public static Contract view(BillingContract contract) {
        Contract view = new Contract();
        view.setContractId(contract.id());
        view.setCustomerReference(contract.customerReference());
        BillingContract.Pricing terms = contract.pricing();
        ContractPricing pricing = new ContractPricing();
        pricing.setPriceList(terms.priceList());
        pricing.setDiscountPercent(terms.discountPercent() == null ? null : terms.discountPercent().toPlainString());
        pricing.setPaymentTermsDays(terms.paymentTermsDays());
        view.setPricing(pricing);
        view.setValidFrom(WireBeans.date(contract.validFrom()));
        view.setValidTo(WireBeans.date(contract.validTo()));
        view.setVersion(contract.version());
        view.setUpdatedAt(Date.from(contract.updatedAt()));
        return view;
    }

    /**
     * What a POST body says about a dispute.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 when the amount is not money above zero in its currency
     */
    public static BillingDispute.Content content(NewDispute body) {
        BodyReader reader = new BodyReader();
        Money amount = WireBeans.money(reader, "amount", body.getAmount());
        if (amount != null && !amount.isPositive()) {
            reader.reject("amount.amount", "must be greater than zero");
        }
        reader.done();
        return new BillingDispute.Content(body.getSourceSystem(), body.getExternalDisputeId(), body.getCustomerReference(),
                body.getInvoiceNumber(), amount, body.getReasonCode(), body.getDescription(), body.getRaisedAt().toInstant());
    }

    public static Dispute view(BillingDispute dispute) {
        Dispute view = new Dispute();
        BillingDispute.Content content = dispute.content();
        view.setSourceSystem(content.sourceSystem());
        view.setExternalDisputeId(content.externalDisputeId());
        view.setOutcome(Vocabulary.as(dispute.outcome(), DisputeOutcome.class));
        view.setRequestId(dispute.requestId());
        view.setRequestNumber(dispute.requestNumber());
        view.setRule(dispute.rule() == null ? null : URI.create(dispute.rule()));
        view.setReason(dispute.reason());
        view.setExistingRequestId(dispute.existingRequestId());
        view.setArrivedVia(Vocabulary.as(dispute.arrivedVia(), DisputeArrival.class));
        view.setReceivedAt(Date.from(dispute.receivedAt()));
        return view;
    }

    /** Builds domain content, answering what it refuses as the body's 400. */
    private static <T> T checked(BodyReader reader, Supplier<T> content) {
        try {
            return content.get();
        } catch (InvalidContentException e) {
            e.violations().forEach(violation -> reader.reject(violation.member(), violation.message()));
            reader.done();
            throw e;
        }
    }
}
