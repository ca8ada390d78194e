-- Idempotent consumers: the id of every processed event, inserted in the same transaction as its effect.
CREATE TABLE inbox_processed_event (
    consumer        TEXT        NOT NULL,
    event_id        UUID        NOT NULL,
    event_type      TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    processed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX inbox_processed_event_processed_at ON inbox_processed_event (processed_at);
