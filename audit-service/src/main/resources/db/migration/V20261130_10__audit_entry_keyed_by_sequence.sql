-- An entry is identified by its position in the chain: the sequence is the key (appended in order, so its index
-- grows at one end). The random entry id, used by nothing, costs an index insert per entry and goes.
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey;
ALTER TABLE audit_entry DROP COLUMN id;
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_sequence_key;
ALTER TABLE audit_entry ADD PRIMARY KEY (sequence);
