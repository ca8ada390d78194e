-- Issue 11: the trail proves itself to an auditor who trusts no one inside this database.

-- 1. The chain head is the last entry. Appenders queue on a transaction-scoped advisory lock (see
--    AuditEntryRepository.lockAppends) and read the last entry, so no row has to be updated per append and the
--    service's login needs no UPDATE right on any audit table. A moved-back head is an edit of the tail, which the
--    signed checkpoints (kept outside this database) reveal.
DROP TABLE chain_head;

-- 2. What the trail is searched by, taken from the hashed content when the entry is appended (verification checks
--    that these columns still say what the content says): the case and the request an entry is about (the
--    aggregate itself, or the payload's caseId / requestId) and the payload's customerReference.
ALTER TABLE audit_entry
    ADD COLUMN case_id            text,
    ADD COLUMN request_id         text,
    ADD COLUMN customer_reference text;

ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only;
UPDATE audit_entry e
   SET case_id = CASE WHEN e.aggregate_type = 'Case' THEN e.aggregate_id
                      WHEN jsonb_typeof(c.doc -> 'payload' -> 'caseId') = 'string' THEN c.doc -> 'payload' ->> 'caseId' END,
       request_id = CASE WHEN e.aggregate_type = 'ServiceRequest' THEN e.aggregate_id
                         WHEN jsonb_typeof(c.doc -> 'payload' -> 'requestId') = 'string' THEN c.doc -> 'payload' ->> 'requestId' END,
       customer_reference = CASE WHEN jsonb_typeof(c.doc -> 'payload' -> 'customerReference') = 'string'
                                 THEN c.doc -> 'payload' ->> 'customerReference' END
  FROM (SELECT sequence, content::jsonb AS doc FROM audit_entry) c
 WHERE c.sequence = e.sequence;
ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only;

-- Every search reads in chain order after a cursor: (column, sequence) serves both the filter and the order.
CREATE INDEX audit_entry_case_idx ON audit_entry (case_id, sequence) WHERE case_id IS NOT NULL;
CREATE INDEX audit_entry_request_idx ON audit_entry (request_id, sequence) WHERE request_id IS NOT NULL;
CREATE INDEX audit_entry_customer_idx ON audit_entry (customer_reference, sequence) WHERE customer_reference IS NOT NULL;
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, sequence);
CREATE INDEX audit_entry_correlation_idx ON audit_entry (correlation_id, sequence);
CREATE INDEX audit_entry_type_idx ON audit_entry (event_type, sequence);
-- Events are appended roughly in the order they happened: a block range index is small and cheap to keep.
CREATE INDEX audit_entry_occurred_brin ON audit_entry USING brin (occurred_at);

-- 3. Signed checkpoints: the chain head (sequence, hash) at a moment, signed with a key this database never holds.
--    They are published outside the database (an append-only file or bucket and the audit.checkpoints topic); these
--    rows are a copy for listing. Verification trusts a checkpoint for its signature, not for where it was read.
CREATE TABLE audit_checkpoint (
    sequence   bigint PRIMARY KEY CHECK (sequence > 0),
    hash       text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    signed_at  timestamp(6) with time zone NOT NULL,
    key_id     text   NOT NULL,
    algorithm  text   NOT NULL,
    signature  text   NOT NULL
);

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- 4. The service's login (the datasource user, ${runtime_role}) is not the owner that runs these migrations: it may
--    read and append to the audit tables and nothing more (no UPDATE, DELETE, TRUNCATE, ALTER, no trigger switch),
--    and use the event plumbing's tables as every service does. Tables the owner creates later get the plumbing
--    rights by default; an audit table added later must be granted here explicitly. When one role does both (an
--    older set-up), nothing is granted or revoked.
DO $$
DECLARE
    runtime text := '${runtime_role}';
BEGIN
    IF runtime = current_user THEN
        RAISE NOTICE 'audit-service runs as its owner %: the audit tables are protected by their triggers only', runtime;
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', runtime);
    EXECUTE format('REVOKE ALL ON audit_entry, audit_checkpoint, flyway_schema_history FROM %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO %I', runtime);
END
$$;
