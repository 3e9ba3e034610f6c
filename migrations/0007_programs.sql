-- Programs (issue 4): what an organisation sets out to change, for whom, where and when.
-- Results frameworks, indicators, risks and tasks hang off a program in later migrations.

CREATE TABLE programs (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  summary text,
  problem_statement text,
  goal text,
  start_date date,
  end_date date,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  -- codes of src/domain/programs.ts SECTORS
  sectors text[] NOT NULL DEFAULT '{}',
  -- Kemendagri area codes at any level
  target_areas text[] NOT NULL DEFAULT '{}',
  -- who the program serves, in the organisation's words ("perempuan kepala keluarga", "youth")
  target_groups text[] NOT NULL DEFAULT '{}',
  manager_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
  -- a manager who leaves the organisation leaves the program without one, not the program gone
  FOREIGN KEY (org_id, manager_id) REFERENCES memberships (org_id, user_id) ON DELETE SET NULL (manager_id)
);
CREATE INDEX programs_name_idx ON programs (org_id, lower(name), id);
CREATE INDEX programs_sectors_idx ON programs USING gin (sectors);
CREATE INDEX programs_areas_idx ON programs USING gin (target_areas);

-- The program's team besides its manager.
CREATE TABLE program_team (
  org_id uuid NOT NULL,
  program_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (org_id, program_id, user_id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX program_team_user_idx ON program_team (org_id, user_id);

ALTER TABLE programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_team ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON programs TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON program_team TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON programs, program_team TO gotong_app;
