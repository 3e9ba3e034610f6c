-- Public registration links (issue 5): one per activity. The token is the link's only secret: it
-- opens a short form, never registry data. The organiser picks the form's fields from a fixed
-- list (the app checks the names) and may add a few own questions, answered into
-- activity_registrations.answers.

CREATE TABLE registration_links (
  org_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  -- random, URL-safe; looked up before the organisation is known (the public route)
  token text NOT NULL UNIQUE,
  enabled boolean NOT NULL DEFAULT true,
  -- [{ "field": "phone", "required": true }, …] from the fixed list in src/domain/participation.ts
  fields jsonb NOT NULL DEFAULT '[]',
  -- [{ "id": "q1", "label": "…", "required": false }, …], at most five
  questions jsonb NOT NULL DEFAULT '[]',
  -- after this instant the form says registration is closed
  closes_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, activity_id),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE
);

ALTER TABLE registration_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registration_links TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON registration_links TO gotong_app;

-- the attendance list of an activity, in arrival order
CREATE INDEX attendance_activity_time_idx ON attendance (org_id, activity_id, checked_in_at);
