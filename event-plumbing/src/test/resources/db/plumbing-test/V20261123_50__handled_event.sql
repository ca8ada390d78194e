-- The effect of the test consumer: one row per handled event.
CREATE TABLE handled_event (
    event_id   UUID PRIMARY KEY,
    subject    TEXT NOT NULL,
    handled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
