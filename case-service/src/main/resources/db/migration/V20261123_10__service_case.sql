-- Cases: one per logged service request.
CREATE TABLE service_case (
    id                 uuid PRIMARY KEY,
    request_id         uuid         NOT NULL,
    request_number     varchar(32)  NOT NULL,
    customer_reference varchar(64)  NOT NULL,
    channel            varchar(32)  NOT NULL,
    request_type       varchar(32)  NOT NULL,
    subject            varchar(200) NOT NULL,
    status             varchar(32)  NOT NULL,
    financial          boolean      NOT NULL,
    disputed_amount    numeric(19, 4),
    disputed_currency  varchar(3),
    invoice_number     varchar(64),
    opened_at          timestamp(6) with time zone NOT NULL,
    updated_at         timestamp(6) with time zone NOT NULL,
    version            bigint       NOT NULL,
    CONSTRAINT service_case_one_per_request UNIQUE (request_id),
    CONSTRAINT service_case_amount_has_currency CHECK ((disputed_amount IS NULL) = (disputed_currency IS NULL))
);

-- Newest first listings, optionally by status.
CREATE INDEX service_case_opened_idx ON service_case (opened_at DESC, id DESC);
CREATE INDEX service_case_status_opened_idx ON service_case (status, opened_at DESC, id DESC);
