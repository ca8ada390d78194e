-- The order and thread in which the test consumer handled events.
ALTER TABLE handled_event
    ADD COLUMN position BIGINT GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN aggregate_id TEXT,
    ADD COLUMN thread TEXT;
