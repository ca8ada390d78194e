-- Each case is routed to a team's queue when it is opened; agents see their own team's cases. Cases opened before
-- routing existed go to the default team.
ALTER TABLE service_case ADD COLUMN team varchar(64);
UPDATE service_case SET team = 'service-desk' WHERE team IS NULL;
ALTER TABLE service_case ALTER COLUMN team SET NOT NULL;
CREATE INDEX service_case_team_opened_idx ON service_case (team, opened_at DESC, id DESC);
