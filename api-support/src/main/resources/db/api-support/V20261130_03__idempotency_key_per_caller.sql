-- Idempotency keys are scoped per caller (the token's subject): two callers may use the same key without seeing
-- each other's answers. Keys stored before callers were known belong to 'anonymous'.
ALTER TABLE idempotency_key ADD COLUMN caller TEXT NOT NULL DEFAULT 'anonymous';
ALTER TABLE idempotency_key ALTER COLUMN caller DROP DEFAULT;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (caller, operation, idempotency_key);
