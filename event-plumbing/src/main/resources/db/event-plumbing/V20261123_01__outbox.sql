-- Transactional outbox: events are written here in the same transaction as the state change they describe,
-- and the relay publishes them to Kafka in id order (per aggregate), then stamps sent_at.
CREATE TABLE outbox_message (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       UUID        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    schema_version INTEGER     NOT NULL CHECK (schema_version > 0),
    occurred_at    TIMESTAMPTZ NOT NULL,
    producer       TEXT        NOT NULL,
    correlation_id TEXT        NOT NULL,
    causation_id   TEXT,
    actor          TEXT        NOT NULL,
    payload        JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at        TIMESTAMPTZ,
    attempts       INTEGER     NOT NULL DEFAULT 0,
    last_error     TEXT
);

CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_message_unsent_by_aggregate ON outbox_message (aggregate_id, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_message_sent_at ON outbox_message (sent_at) WHERE sent_at IS NOT NULL;
