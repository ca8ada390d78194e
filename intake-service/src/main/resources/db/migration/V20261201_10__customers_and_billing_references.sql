-- The customer master and the billing references requests are checked against (issue 8). Reference data arrives
-- in any order, so invoices and contracts do not reference customers by foreign key.
CREATE TABLE customer (
    reference                    varchar(64)  PRIMARY KEY,
    name                         varchar(200) NOT NULL,
    segment                      varchar(64),
    tier                         varchar(16)  NOT NULL,
    kyc_status                   varchar(16)  NOT NULL,
    kyc_verified_on              date,
    kyc_expires_on               date,
    credit_limit                 numeric(19, 4),
    credit_limit_currency        varchar(3),
    current_exposure             numeric(19, 4),
    current_exposure_currency    varchar(3),
    dscr                         numeric(12, 6),
    average_days_beyond_terms    integer,
    late_payments_last_12_months integer,
    preferred_channel            varchar(32),
    contacts                     jsonb        NOT NULL DEFAULT '[]',
    version                      bigint       NOT NULL,
    updated_at                   timestamp(6) with time zone NOT NULL,
    CONSTRAINT customer_credit_limit_has_currency CHECK ((credit_limit IS NULL) = (credit_limit_currency IS NULL)),
    CONSTRAINT customer_exposure_has_currency CHECK ((current_exposure IS NULL) = (current_exposure_currency IS NULL))
);

CREATE INDEX customer_name_idx ON customer (lower(name));

CREATE TABLE invoice (
    invoice_number     varchar(64)  PRIMARY KEY,
    customer_reference varchar(64)  NOT NULL,
    issued_on          date         NOT NULL,
    due_on             date         NOT NULL,
    currency           varchar(3)   NOT NULL,
    total              numeric(19, 4) NOT NULL,
    open_amount        numeric(19, 4) NOT NULL,
    status             varchar(16)  NOT NULL,
    contract_id        varchar(64),
    lines              jsonb        NOT NULL DEFAULT '[]',
    version            bigint       NOT NULL,
    updated_at         timestamp(6) with time zone NOT NULL
);

CREATE INDEX invoice_customer_idx ON invoice (customer_reference);

-- A payment reported before its invoice (events arrive in any order): applied when the invoice arrives, if newer.
CREATE TABLE invoice_payment_pending (
    invoice_number varchar(64)    PRIMARY KEY,
    open_amount    numeric(19, 4) NOT NULL,
    currency       varchar(3)     NOT NULL,
    status         varchar(16)    NOT NULL,
    version        bigint         NOT NULL
);

CREATE TABLE billing_contract (
    contract_id        varchar(64)  PRIMARY KEY,
    customer_reference varchar(64)  NOT NULL,
    price_list         varchar(64),
    discount_percent   numeric(7, 4),
    payment_terms_days integer,
    valid_from         date         NOT NULL,
    valid_to           date,
    version            bigint       NOT NULL,
    updated_at         timestamp(6) with time zone NOT NULL
);

-- What a request was logged with beyond its own fields.
ALTER TABLE service_request
    ADD COLUMN kyc_hold           boolean      NOT NULL DEFAULT false,
    ADD COLUMN kyc_hold_reason    varchar(500),
    ADD COLUMN external_reference varchar(200);

-- At most one open request per customer, invoice and type: the second is answered 409 with the first. Requests
-- stay LOGGED at intake until intake learns that their case closed.
CREATE UNIQUE INDEX service_request_open_per_invoice_idx ON service_request (customer_reference, invoice_number, type)
    WHERE invoice_number IS NOT NULL AND status = 'LOGGED';

-- Disputes billing systems posted, on either path, with intake's verdict. The pair (source system, external id) is
-- the dispute's identity: posted again, on either path, it is the same dispute and changes nothing.
CREATE TABLE billing_dispute (
    id                  uuid         PRIMARY KEY,
    source_system       varchar(64)  NOT NULL,
    external_dispute_id varchar(128) NOT NULL,
    customer_reference  varchar(64)  NOT NULL,
    invoice_number      varchar(64)  NOT NULL,
    amount              numeric(19, 4) NOT NULL,
    amount_currency     varchar(3)   NOT NULL,
    reason_code         varchar(64)  NOT NULL,
    description         varchar(5000) NOT NULL,
    raised_at           timestamp(6) with time zone NOT NULL,
    arrived_via         varchar(16)  NOT NULL,
    received_at         timestamp(6) with time zone NOT NULL,
    outcome             varchar(16)  NOT NULL,
    request_id          uuid,
    request_number      varchar(32),
    rule                varchar(100),
    reason              varchar(2000),
    existing_request_id uuid,
    CONSTRAINT billing_dispute_identity UNIQUE (source_system, external_dispute_id)
);
