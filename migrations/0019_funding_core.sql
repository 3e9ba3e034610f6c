-- Funding and finance (issue 6), the shared core: the finance member role, funders and grant
-- agreements. Pipeline, budgets, expenses and donations build on these in later migrations.
-- Money everywhere is an integer amount in the currency's minor units (bigint) beside its ISO
-- 4217 code: never a float (src/domain/money.ts).

ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'staff', 'viewer'));
ALTER TABLE invitations DROP CONSTRAINT invitations_role_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'staff', 'viewer'));

-- Who funds the work: an organisation, or an individual donor who is a registry person (with
-- the donor role) so a person's gifts and their participation live on one record.
CREATE TABLE funders (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('government', 'bilateral', 'multilateral', 'foundation', 'company', 'community', 'individual')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  person_id uuid,
  website text,
  email text,
  phone text,
  address text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  notes text,
  tags text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (person_id IS NULL OR kind = 'individual'),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE SET NULL (person_id)
);
CREATE UNIQUE INDEX funders_person_once ON funders (org_id, person_id) WHERE person_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX funders_name_idx ON funders (org_id, lower(name)) WHERE deleted_at IS NULL;

-- A grant agreement: what the funder gives, for which programs, under which rules.
CREATE TABLE grants (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  funder_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- the funder's agreement number
  reference text,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  start_date date NOT NULL,
  end_date date NOT NULL,
  restricted boolean NOT NULL DEFAULT true,
  -- codes of the organisation's budget categories the funder allows; empty: any
  allowed_categories text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
  notes text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (end_date >= start_date),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id)
);
CREATE INDEX grants_funder_idx ON grants (org_id, funder_id) WHERE deleted_at IS NULL;
CREATE INDEX grants_end_idx ON grants (org_id, end_date) WHERE deleted_at IS NULL;

-- The programs a grant pays for.
CREATE TABLE grant_programs (
  org_id uuid NOT NULL,
  grant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  PRIMARY KEY (org_id, grant_id, program_id),
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE
);
CREATE INDEX grant_programs_program_idx ON grant_programs (org_id, program_id);

ALTER TABLE funders ENABLE ROW LEVEL SECURITY;
ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE grant_programs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON funders TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON grants TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON grant_programs TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON funders, grants, grant_programs TO gotong_app;
