-- The audit trail: one global, append-only chain of hash-linked entries, one per consumed event.
-- hash = hex(sha256(previous_hash || E'\n' || content)); the first entry's previous_hash is 64 zeros.
CREATE TABLE audit_entry (
    id             uuid PRIMARY KEY,
    sequence       bigint      NOT NULL UNIQUE CHECK (sequence > 0),
    event_id       uuid        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    correlation_id text        NOT NULL,
    causation_id   text,
    actor          text        NOT NULL,
    producer       text        NOT NULL,
    occurred_at    timestamp(6) with time zone NOT NULL,
    recorded_at    timestamp(6) with time zone NOT NULL,
    -- The canonical JSON that was hashed, byte for byte; verification recomputes the hash from it.
    content        text        NOT NULL,
    previous_hash  text        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_entry_aggregate_idx ON audit_entry (aggregate_id, sequence);

-- The end of the chain, one row. Appenders lock it (SELECT ... FOR UPDATE) in the transaction that inserts the
-- next entry, so two instances can never both extend the same entry (no fork, no duplicate sequence).
CREATE TABLE chain_head (
    id            smallint PRIMARY KEY CHECK (id = 1),
    last_sequence bigint   NOT NULL CHECK (last_sequence >= 0),
    last_hash     text     NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);

INSERT INTO chain_head (id, last_sequence, last_hash) VALUES (1, 0, repeat('0', 64));

-- Append-only: the service never changes or deletes an entry, and the database refuses to. Someone who can
-- disable the trigger can still edit rows; GET /api/v1/audit/verify is what detects that.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
