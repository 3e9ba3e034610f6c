-- Indicators on a program's results (issue 4): what is measured, how, from where to where.
-- Results data (the periodic values) come in a later migration.

CREATE TABLE indicators (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  result_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  definition text,
  unit text,
  type text NOT NULL CHECK (type IN ('count', 'percentage', 'average', 'yes_no')),
  direction text NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
  -- several updates in one period: added up, or the latest
  aggregation text NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum', 'latest')),
  baseline_value numeric,
  baseline_date date,
  frequency text NOT NULL DEFAULT 'quarter' CHECK (frequency IN ('month', 'quarter', 'year', 'custom')),
  -- of sex, age, disability, area
  disaggregations text[] NOT NULL DEFAULT '{}',
  data_source text,
  responsible_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, result_id) REFERENCES results (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, responsible_id) REFERENCES memberships (org_id, user_id) ON DELETE SET NULL (responsible_id)
);
CREATE INDEX indicators_program_idx ON indicators (org_id, program_id, result_id);
-- a code names one live indicator of a program ("1.1a")
CREATE UNIQUE INDEX indicators_code_key ON indicators (org_id, program_id, lower(code)) WHERE deleted_at IS NULL;

-- Targets per period: the period's own target (the maths of src/domain/indicators.ts turns them
-- into targets to date).
CREATE TABLE indicator_targets (
  org_id uuid NOT NULL,
  indicator_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  PRIMARY KEY (org_id, indicator_id, period_start),
  FOREIGN KEY (org_id, indicator_id) REFERENCES indicators (org_id, id) ON DELETE CASCADE,
  CHECK (period_end >= period_start)
);

ALTER TABLE indicators ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON indicators TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON indicator_targets TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON indicators, indicator_targets TO gotong_app;
