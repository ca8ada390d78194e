-- The relay retries a row whose own send failed after a growing pause (next_attempt_at) and parks it after
-- resolve.events.outbox.max-attempts (parked_at): a parked row is left alone until an operator retries it, and its
-- aggregate's later rows wait behind it. Rows are keyed by event id for the services (JDBC batch inserts); id stays
-- the database-assigned publication order.
ALTER TABLE outbox_message
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN parked_at       TIMESTAMPTZ;

ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_event_id_key;
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_pkey;
ALTER TABLE outbox_message ADD PRIMARY KEY (event_id);
CREATE UNIQUE INDEX outbox_message_order ON outbox_message (id);

-- What the relay scans, in publication order.
DROP INDEX outbox_message_unsent;
CREATE INDEX outbox_message_pending ON outbox_message (id) WHERE sent_at IS NULL AND parked_at IS NULL;
-- Rows whose own sends failed (backing off or parked): each holds back its aggregate's later rows.
CREATE INDEX outbox_message_failing ON outbox_message (aggregate_id, id) WHERE sent_at IS NULL AND attempts > 0;
