-- The relay deletes a row once Kafka acknowledged it (Kafka keeps the event, the audit trail records it): a delete
-- costs PostgreSQL far less than an update, which writes a new version of the row and of its index entries. So
-- every row in the table is unsent. A row whose own sends failed is retried after a growing pause
-- (next_attempt_at) and parked after resolve.events.outbox.max-attempts (parked_at): a parked row is left alone
-- until an operator retries it, and its aggregate's later rows wait behind it.
DELETE FROM outbox_message WHERE sent_at IS NOT NULL;
ALTER TABLE outbox_message
    DROP COLUMN sent_at,
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN parked_at       TIMESTAMPTZ;

-- id (the publication order, numbered by the database on insert) is the key; event ids are random UUIDs the
-- consumers deduplicate on, so the table needs no second unique index.
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_event_id_key;

-- The relay scans the table in publication order and deletes by id (the primary key). An aggregate's other rows,
-- for the relay's order checks (id deliberately not in this index: PostgreSQL would scan it for id lookups).
CREATE INDEX outbox_message_by_aggregate ON outbox_message (aggregate_id);
-- Rows whose own sends failed (backing off or parked): each holds back its aggregate's later rows.
CREATE INDEX outbox_message_failing ON outbox_message (aggregate_id, id) WHERE attempts > 0;
-- Parked rows, for the administration API.
CREATE INDEX outbox_message_parked ON outbox_message (event_id) WHERE parked_at IS NOT NULL;

-- A queue table: every row is deleted soon after it is written. Vacuum it after every thousand deletes, without
-- pauses, so the relay's scans do not wade through dead rows.
ALTER TABLE outbox_message SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                                autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0,
                                autovacuum_analyze_threshold = 1000);
