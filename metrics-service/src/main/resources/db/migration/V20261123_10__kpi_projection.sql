-- KPI projections built from the suite's events. Every change is made in the transaction that records the event in
-- inbox_processed_event, so a redelivered event is never counted twice.

-- One count per KPI, channel and request type, such as requests_logged / PORTAL / REFUND.
CREATE TABLE kpi_counter (
    kpi           text        NOT NULL,
    channel       text        NOT NULL,
    request_type  text        NOT NULL,
    value         bigint      NOT NULL,
    -- When the newest event applied to this count occurred; the summary's asOf is the latest of these.
    last_event_at timestamptz NOT NULL,
    -- When this count last changed.
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (kpi, channel, request_type),
    CONSTRAINT kpi_counter_not_negative CHECK (value >= 0)
);

-- The cases counted in cases_open, with the labels they were counted under. Case events after CaseOpened (such as
-- CaseClosed) do not carry channel and type: they find them here, to take the case off the right count exactly once.
CREATE TABLE kpi_case (
    case_id      uuid        PRIMARY KEY,
    channel      text        NOT NULL,
    request_type text        NOT NULL,
    opened_at    timestamptz NOT NULL,
    closed_at    timestamptz
);
