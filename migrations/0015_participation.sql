-- Participation (issue 5): who registered for an activity and who came. Both hang off the
-- activity and a person of the registry; counts over them feed computed indicators (issue 4).

CREATE TABLE activity_registrations (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  person_id uuid NOT NULL,
  -- registered holds a place; waitlisted waits in created order (uuidv7 ids break ties);
  -- cancelled frees the place and the first waitlisted moves up in the same transaction
  status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
  source text NOT NULL CHECK (source IN ('staff', 'public')),
  -- the check-in code in the confirmation's QR code: short, random, unique in the organisation
  code text NOT NULL,
  -- a public registration matched a person only loosely: staff confirm or merge it
  needs_review boolean NOT NULL DEFAULT false,
  -- answers to the organiser's own questions on the public form
  answers jsonb NOT NULL DEFAULT '{}',
  cancel_reason text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, activity_id, person_id),
  UNIQUE (org_id, code),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_registrations_activity_idx ON activity_registrations (org_id, activity_id, status, created_at, id);
CREATE INDEX activity_registrations_person_idx ON activity_registrations (org_id, person_id);

-- One row per person who came: the key makes a check-in sent twice (an offline queue replaying)
-- count once. Removing a row is a correction, and is audited.
CREATE TABLE attendance (
  org_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  person_id uuid NOT NULL,
  -- when the person arrived, as the checking device saw it (an offline check-in is sent later)
  checked_in_at timestamptz NOT NULL DEFAULT now(),
  method text NOT NULL CHECK (method IN ('list', 'qr', 'walk_in', 'sheet', 'correction')),
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, activity_id, person_id),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX attendance_person_idx ON attendance (org_id, person_id, activity_id);

-- Computed indicators over attendance are cached with a version of what they read: attendance
-- rows and the activities they belong to (type, result, date, deletion).
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_SCHEMA <> 'public' OR TG_TABLE_NAME NOT IN ('people', 'households', 'attendance', 'activities') THEN
    RAISE EXCEPTION 'bump_data_version serves the registry, activities and attendance only';
  END IF;
  INSERT INTO data_versions AS d (org_id, source, version)
    SELECT DISTINCT org_id, TG_ARGV[0], 1 FROM changed_rows
  ON CONFLICT (org_id, source) DO UPDATE SET version = d.version + 1;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION bump_data_version() FROM PUBLIC;

CREATE TRIGGER attendance_inserted AFTER INSERT ON attendance REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');
CREATE TRIGGER attendance_updated AFTER UPDATE ON attendance REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');
CREATE TRIGGER attendance_deleted AFTER DELETE ON attendance REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');
CREATE TRIGGER activities_inserted AFTER INSERT ON activities REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');
CREATE TRIGGER activities_updated AFTER UPDATE ON activities REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');
CREATE TRIGGER activities_deleted AFTER DELETE ON activities REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('attendance');

ALTER TABLE activity_registrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity_registrations TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON attendance TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON activity_registrations, attendance TO gotong_app;
