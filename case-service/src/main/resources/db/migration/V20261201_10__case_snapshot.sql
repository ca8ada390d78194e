-- What intake's RequestLogged snapshot tells a case (issue 8): the KYC hold, the customer's tier and what was open on
-- the invoice when the request was logged. Cases opened before carry no snapshot.
ALTER TABLE service_case
    ADD COLUMN kyc_hold                     boolean NOT NULL DEFAULT false,
    ADD COLUMN kyc_hold_reason              varchar(500),
    ADD COLUMN customer_tier                varchar(16),
    ADD COLUMN invoice_open_amount          numeric(19, 4),
    ADD COLUMN invoice_open_amount_currency varchar(3);
