-- The roles the actor acted in (sorted, comma-separated; null for a system actor). Part of the hashed content too.
ALTER TABLE audit_entry ADD COLUMN actor_roles TEXT;
