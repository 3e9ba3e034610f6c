-- Activities (issue 5): what an organisation does on a day — meetings, workshops, trainings,
-- distributions, social events, field visits — on a calendar. Registrations and attendance hang
-- off an activity's (org_id, id) in later migrations.

-- A recurring series: its rule (src/domain/recurrence.ts) as it was when the series was made.
-- Each occurrence is an activity row of its own; editing one occurrence detaches it.
CREATE TABLE activity_series (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  rule jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE activities (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  title text NOT NULL,
  -- a built-in type of src/domain/activities.ts or one of organizations.settings.activityTypes
  type text NOT NULL,
  program_id uuid,
  result_id uuid,
  -- entered as local date and time in the organisation's time zone, stored UTC
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  all_day boolean NOT NULL DEFAULT false,
  series_id uuid,
  -- an occurrence changed on its own: "this and following" edits leave it alone
  series_detached boolean NOT NULL DEFAULT false,
  venue text,
  -- a Kemendagri area code at any level
  area_code text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  capacity integer CHECK (capacity > 0),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  cancel_reason text,
  description text,
  -- integer minor units of currency (IDR has none: rupiah)
  planned_cost bigint CHECK (planned_cost >= 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- deleting "this and following" gives the rows one timestamp, so an undo restores exactly them
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE SET NULL (program_id),
  FOREIGN KEY (org_id, result_id) REFERENCES results (org_id, id) ON DELETE SET NULL (result_id),
  FOREIGN KEY (org_id, series_id) REFERENCES activity_series (org_id, id) ON DELETE SET NULL (series_id)
);
CREATE INDEX activities_calendar_idx ON activities (org_id, starts_at, id);
CREATE INDEX activities_program_idx ON activities (org_id, program_id, starts_at) WHERE program_id IS NOT NULL;
CREATE INDEX activities_series_idx ON activities (org_id, series_id, starts_at) WHERE series_id IS NOT NULL;

CREATE TABLE activity_facilitators (
  org_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (org_id, activity_id, user_id),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX activity_facilitators_user_idx ON activity_facilitators (org_id, user_id);

-- A member's secret calendar-feed token (iCalendar apps cannot send cookies). Only its hash is
-- kept; rotating it replaces the row and the old feed URLs stop working.
CREATE TABLE calendar_feeds (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);

ALTER TABLE activity_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_facilitators ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity_series TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON activities TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON activity_facilitators TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON calendar_feeds TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON activity_series, activities, activity_facilitators, calendar_feeds TO gotong_app;
