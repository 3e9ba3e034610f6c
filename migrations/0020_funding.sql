-- Funding (issue 6, points 1-3): funders' contacts and interactions, the pipeline of funding
-- opportunities and the reporting schedule of grant agreements. Money is an integer amount in
-- minor units beside its currency (src/domain/money.ts).

-- Who a grant agreement's reports are for, and how its schedule was made (to generate it again).
ALTER TABLE grants ADD COLUMN responsible_id uuid;
ALTER TABLE grants ADD COLUMN report_frequency text NOT NULL DEFAULT 'none' CHECK (report_frequency IN ('none', 'quarterly', 'semester', 'yearly'));

CREATE TABLE funder_contacts (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  funder_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  position text,
  email text,
  phone text,
  notes text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id) ON DELETE CASCADE
);
CREATE INDEX funder_contacts_funder_idx ON funder_contacts (org_id, funder_id);

-- Every meeting, call, email or visit with a funder, with the next step agreed.
CREATE TABLE funder_interactions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  funder_id uuid NOT NULL,
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'visit', 'other')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  next_step text,
  user_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id) ON DELETE CASCADE
);
CREATE INDEX funder_interactions_funder_idx ON funder_interactions (org_id, funder_id, date DESC);

-- The pipeline: identified → concept → submitted → awarded / declined. Stage moves are audited.
CREATE TABLE opportunities (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  funder_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  stage text NOT NULL DEFAULT 'identified' CHECK (stage IN ('identified', 'concept', 'submitted', 'awarded', 'declined')),
  amount bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  probability integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  deadline date,
  decision_date date,
  program_ids uuid[] NOT NULL DEFAULT '{}',
  owner_id uuid,
  notes text,
  grant_id uuid,
  stage_changed_at timestamptz NOT NULL DEFAULT now(),
  -- the deadline reminder went out (cleared when the deadline moves)
  reminded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id),
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id) ON DELETE SET NULL (grant_id)
);
CREATE INDEX opportunities_funder_idx ON opportunities (org_id, funder_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_deadline_idx ON opportunities (org_id, deadline) WHERE deleted_at IS NULL AND stage IN ('identified', 'concept', 'submitted');

-- A grant's reports: narrative and financial, each with its period and due date.
CREATE TABLE grant_reports (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  grant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('narrative', 'financial')),
  final boolean NOT NULL DEFAULT false,
  period_start date NOT NULL,
  period_end date NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'submitted', 'accepted')),
  submitted_at timestamptz,
  accepted_at timestamptz,
  note text,
  reminded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (period_end >= period_start),
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id) ON DELETE CASCADE
);
CREATE INDEX grant_reports_grant_idx ON grant_reports (org_id, grant_id, due_date);
CREATE INDEX grant_reports_due_idx ON grant_reports (org_id, due_date) WHERE deleted_at IS NULL AND status = 'due';

ALTER TABLE funder_contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE funder_interactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE opportunities ENABLE ROW LEVEL SECURITY;
ALTER TABLE grant_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON funder_contacts TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON funder_interactions TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON opportunities TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON grant_reports TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON funder_contacts, funder_interactions, opportunities, grant_reports TO gotong_app;
