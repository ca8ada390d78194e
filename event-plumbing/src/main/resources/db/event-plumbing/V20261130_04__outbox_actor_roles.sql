-- The roles the actor acted in travel with each event (CloudEvents extension ce_actorroles); null for a system actor.
ALTER TABLE outbox_message ADD COLUMN actor_roles TEXT;
