-- Budgets, expenses and budget vs actual (issue 6 points 4, 5, 7). Money is an integer amount in
-- the currency's minor units (bigint) beside its ISO 4217 code (src/domain/money.ts).
-- The organisation's budget categories live in organizations.settings.budgetCategories (code +
-- labels in both languages), like activityTypes; defaults in src/domain/budgets.ts.

-- One budget per program, in one currency, planned per month, quarter or year.
CREATE TABLE budgets (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  period_kind text NOT NULL DEFAULT 'quarter' CHECK (period_kind IN ('month', 'quarter', 'year')),
  start_date date NOT NULL,
  end_date date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (end_date >= start_date),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX budgets_program_once ON budgets (org_id, program_id) WHERE deleted_at IS NULL;

-- Versions: 1 is the original, then revisions; every version but the latest is locked.
CREATE TABLE budget_versions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  budget_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  note text,
  locked boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, budget_id, number),
  FOREIGN KEY (org_id, budget_id) REFERENCES budgets (org_id, id) ON DELETE CASCADE
);

-- A line of a version. line_key stays the same across versions (a revision copies it), so
-- expenses point at the line whatever version is current.
CREATE TABLE budget_lines (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  version_id uuid NOT NULL,
  line_key uuid NOT NULL,
  category text NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
  -- null: the organisation's unrestricted funds
  grant_id uuid,
  -- [{ "period": "YYYY-MM-DD" (period start), "amount": minor units }]
  amounts jsonb NOT NULL DEFAULT '[]',
  amount bigint NOT NULL CHECK (amount >= 0),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, version_id, line_key),
  FOREIGN KEY (org_id, version_id) REFERENCES budget_versions (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id)
);
CREATE INDEX budget_lines_grant_idx ON budget_lines (org_id, grant_id) WHERE grant_id IS NOT NULL;

-- An expense: the original amount and currency, the rate used and the amount in the budget's
-- currency; submitted, then approved or rejected (never by the one who submitted it).
CREATE TABLE expenses (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  budget_id uuid NOT NULL,
  line_key uuid NOT NULL,
  expense_date date NOT NULL,
  original_amount bigint NOT NULL CHECK (original_amount > 0),
  original_currency text NOT NULL CHECK (original_currency ~ '^[A-Z]{3}$'),
  -- the exchange rate as given (units of the budget currency per one unit of the original); null when the same currency
  rate text,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  grant_id uuid,
  activity_id uuid,
  payee text,
  description text NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected')),
  review_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  receipt_name text,
  receipt_type text,
  receipt_size integer,
  receipt bytea,
  -- the CSV import it came from
  source text NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((status = 'rejected') = (review_reason IS NOT NULL)),
  CHECK ((rate IS NULL) = (original_currency = currency)),
  FOREIGN KEY (org_id, budget_id) REFERENCES budgets (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id),
  FOREIGN KEY (org_id, activity_id) REFERENCES activities (org_id, id) ON DELETE SET NULL (activity_id)
);
CREATE INDEX expenses_budget_idx ON expenses (org_id, budget_id, line_key, expense_date) WHERE deleted_at IS NULL;
CREATE INDEX expenses_date_idx ON expenses (org_id, expense_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX expenses_submitted_idx ON expenses (org_id, created_at) WHERE status = 'submitted' AND deleted_at IS NULL;

ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE expenses ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budgets TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON budget_versions TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON budget_lines TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON expenses TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON budgets, budget_versions, budget_lines, expenses TO gotong_app;
