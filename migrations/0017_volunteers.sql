-- Volunteers (issue 5): a volunteer profile on a registry person, volunteer roles per activity,
-- assignments (shifts) and the hours given. The organisation's skill list lives in
-- organizations.settings.volunteerSkills (code + label in both languages), like activityTypes.

CREATE TABLE volunteers (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'inactive')),
  -- codes of the organisation's skill list, and free tags
  skills text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  -- weekly windows: [{ "weekday": 1-7, "from": "HH:MM", "to": "HH:MM" }] in the organisation's time zone
  availability jsonb NOT NULL DEFAULT '[]',
  -- Kemendagri codes at any level
  area_codes text[] NOT NULL DEFAULT '{}',
  emergency_name text,
  -- normalised (+62…); lists and audit entries show it masked
  emergency_phone text,
  notes text,
  -- the personal link's secret: only its SHA-256 is kept; a new link replaces it
  link_hash text UNIQUE,
  link_created_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, person_id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX volunteers_status_idx ON volunteers (org_id, status) WHERE deleted_at IS NULL;
CREATE INDEX volunteers_skills_idx ON volunteers USING gin (skills);

-- Signed code of conduct, ID card, certificates: kept in the database like indicator evidence.
CREATE TABLE volunteer_documents (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  volunteer_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('code_of_conduct', 'id_card', 'certificate', 'other')),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  content bytea NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX volunteer_documents_volunteer_idx ON volunteer_documents (org_id, volunteer_id, created_at);

-- What an activity needs volunteers for ("2 facilitators"). A shift inside the activity is kept
-- as minutes from the activity's start, so moving the activity moves its shifts with it.
CREATE TABLE volunteer_roles (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  name text NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  needed integer NOT NULL CHECK (needed BETWEEN 1 AND 1000),
  shift_start_min integer CHECK (shift_start_min >= 0),
  shift_end_min integer,
  description text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((shift_start_min IS NULL) = (shift_end_min IS NULL)),
  CHECK (shift_end_min > shift_start_min),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE
);
CREATE INDEX volunteer_roles_activity_idx ON volunteer_roles (org_id, activity_id) WHERE deleted_at IS NULL;

-- A volunteer on a role: a shift. Double booking is refused by the service under a row lock on
-- the volunteer (and the role, for the number needed), so concurrent assignments queue.
CREATE TABLE volunteer_assignments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  role_id uuid NOT NULL,
  volunteer_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'cancelled')),
  source text NOT NULL CHECK (source IN ('staff', 'self')),
  -- the reminder mail was put in the outbox (once: set in the same transaction)
  reminded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, role_id) REFERENCES volunteer_roles (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id) ON DELETE CASCADE
);
-- one live assignment per volunteer and role, whatever races
CREATE UNIQUE INDEX volunteer_assignments_once ON volunteer_assignments (org_id, role_id, volunteer_id) WHERE status = 'assigned';
CREATE INDEX volunteer_assignments_volunteer_idx ON volunteer_assignments (org_id, volunteer_id) WHERE status = 'assigned';
CREATE INDEX volunteer_assignments_reminder_idx ON volunteer_assignments (org_id, id) WHERE status = 'assigned' AND reminded_at IS NULL;

-- Hours given: from shifts when the activity is done (one row per assignment), added by staff,
-- or reported by the volunteer through the personal link (pending until staff approve).
CREATE TABLE volunteer_hours (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  volunteer_id uuid NOT NULL,
  activity_id uuid,
  assignment_id uuid,
  program_id uuid,
  work_date date NOT NULL,
  -- a whole-activity shift may run over several days (at most ten); a report is at most a day
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 14400),
  note text,
  source text NOT NULL CHECK (source IN ('shift', 'staff', 'self')),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  review_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, assignment_id),
  CHECK ((status = 'rejected') = (review_reason IS NOT NULL)),
  FOREIGN KEY (org_id, volunteer_id) REFERENCES volunteers (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE SET NULL (activity_id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES volunteer_assignments (org_id, id) ON DELETE SET NULL (assignment_id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE SET NULL (program_id)
);
CREATE INDEX volunteer_hours_volunteer_idx ON volunteer_hours (org_id, volunteer_id, work_date);
CREATE INDEX volunteer_hours_date_idx ON volunteer_hours (org_id, work_date) WHERE deleted_at IS NULL;
CREATE INDEX volunteer_hours_pending_idx ON volunteer_hours (org_id, created_at) WHERE status = 'pending' AND deleted_at IS NULL;

ALTER TABLE volunteers ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_hours ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON volunteers TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON volunteer_documents TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON volunteer_roles TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON volunteer_assignments TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON volunteer_hours TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON volunteers, volunteer_documents, volunteer_roles, volunteer_assignments, volunteer_hours TO gotong_app;
