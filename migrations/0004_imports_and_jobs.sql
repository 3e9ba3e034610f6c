-- Background jobs: long work (imports, duplicate scans, exports) runs outside the request, shows
-- progress, and survives a crash. A job is claimed with a lease; a job whose lease ran out (its
-- process died) is claimed again and resumes from the checkpoint its handler keeps in `state`.
CREATE TABLE jobs (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  kind text NOT NULL,
  subject_id uuid,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  phase text,
  done bigint NOT NULL DEFAULT 0,
  total bigint,
  state jsonb NOT NULL DEFAULT '{}',
  error text,
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX jobs_queue_idx ON jobs (status, lease_until) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_subject_idx ON jobs (org_id, subject_id);

-- One uploaded file and what became of it. The file itself stays in DATA_DIR/imports until the
-- import is finished or abandoned.
CREATE TABLE imports (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'people',
  file_name text NOT NULL,
  file_size bigint NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'validating', 'validated', 'importing', 'done', 'failed', 'cancelled', 'undone')),
  headers jsonb NOT NULL,
  mapping jsonb NOT NULL DEFAULT '{}',
  mode text CHECK (mode IN ('skip_bad', 'all_or_nothing')),
  total_rows integer,
  valid_rows integer,
  invalid_rows integer,
  imported_rows integer NOT NULL DEFAULT 0,
  households_created integer NOT NULL DEFAULT 0,
  duplicate_rows integer NOT NULL DEFAULT 0,
  warning_rows integer,
  error text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  undone_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX imports_created_idx ON imports (org_id, id DESC);

-- Every problem of every row, so the report lists them all and can be downloaded. An error
-- keeps the row out; a warning (a NIK that disagrees with the birth date, say) is reported and
-- the row imported, because bulk lists carry such conflicts and dropping the person loses them.
CREATE TABLE import_problems (
  org_id uuid NOT NULL,
  import_id uuid NOT NULL,
  line integer NOT NULL,
  field text NOT NULL,
  code text NOT NULL,
  value text,
  params jsonb,
  severity text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning')),
  PRIMARY KEY (org_id, import_id, line, field),
  FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id) ON DELETE CASCADE
);

-- The mapping chosen last time for a file with these headers.
CREATE TABLE import_mappings (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  signature text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, signature)
);

-- Rows an import created, so the whole import can be undone.
ALTER TABLE people ADD COLUMN import_id uuid;
ALTER TABLE households ADD COLUMN import_id uuid;
CREATE INDEX people_import_idx ON people (org_id, import_id) WHERE import_id IS NOT NULL;
CREATE INDEX households_import_idx ON households (org_id, import_id) WHERE import_id IS NOT NULL;

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_problems ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_mappings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON imports TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON import_problems TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON import_mappings TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, imports, import_problems, import_mappings TO gotong_app;
