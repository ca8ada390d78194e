-- Service requests as logged at intake.
CREATE SEQUENCE service_request_number_seq START WITH 1;

CREATE TABLE service_request (
    id                 uuid PRIMARY KEY,
    number             varchar(32)  NOT NULL UNIQUE,
    channel            varchar(32)  NOT NULL,
    customer_reference varchar(64)  NOT NULL,
    type               varchar(32)  NOT NULL,
    subject            varchar(200) NOT NULL,
    description        varchar(5000) NOT NULL,
    disputed_amount    numeric(19, 4),
    disputed_currency  varchar(3),
    invoice_number     varchar(64),
    status             varchar(32)  NOT NULL,
    logged_at          timestamp(6) with time zone NOT NULL,
    logged_by          varchar(255) NOT NULL,
    correlation_id     varchar(100) NOT NULL,
    CONSTRAINT service_request_amount_has_currency CHECK ((disputed_amount IS NULL) = (disputed_currency IS NULL)),
    CONSTRAINT service_request_amount_positive CHECK (disputed_amount IS NULL OR disputed_amount > 0)
);

CREATE INDEX service_request_customer_idx ON service_request (customer_reference, logged_at);
