-- Activity reports (issue 5): after an activity, a short report — what happened, outcomes,
-- follow-ups — with photos. Attendance figures are not stored: they are counted from
-- registrations and attendance whenever the report is shown or exported.

CREATE TABLE activity_reports (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  summary text NOT NULL,
  outcomes text,
  follow_ups text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE
);
-- one live report per activity; deleted ones wait in the bin for an undo
CREATE UNIQUE INDEX activity_reports_live_idx ON activity_reports (org_id, activity_id) WHERE deleted_at IS NULL;
CREATE INDEX activity_reports_activity_idx ON activity_reports (org_id, activity_id, deleted_at);

-- Photos live in the database like evidence files (one backup holds everything), ≤ 10 MB each.
CREATE TABLE activity_report_photos (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  report_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size integer NOT NULL,
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  caption text NOT NULL,
  content bytea NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, report_id) REFERENCES activity_reports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_report_photos_report_idx ON activity_report_photos (org_id, report_id, created_at);

ALTER TABLE activity_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_report_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity_reports TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON activity_report_photos TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON activity_reports, activity_report_photos TO gotong_app;
