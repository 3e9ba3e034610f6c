-- Results data (issue 4): the values staff report for an indicator, with their disaggregation,
-- evidence and review. Figures count approved values; submitted and returned ones wait.

CREATE TABLE indicator_values (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  indicator_id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- the day the value was measured or counted up to; its period follows from the indicator
  value_date date NOT NULL,
  value numeric,
  -- a percentage's parts (the value then follows from them)
  numerator numeric,
  denominator numeric,
  -- {"sex": {"female": 12, "male": 10}, "age": {"18-24": 4, ...}} — for a percentage each part is
  -- {"numerator": n, "denominator": d}
  parts jsonb NOT NULL DEFAULT '{}',
  -- why the parts fall short of the total (sex not recorded for some people, ...)
  parts_note text,
  comment text,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
  review_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  entered_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, indicator_id) REFERENCES indicators (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  CHECK (value IS NOT NULL OR (numerator IS NOT NULL AND denominator IS NOT NULL))
);
CREATE INDEX indicator_values_indicator_idx ON indicator_values (org_id, indicator_id, value_date);
-- the review queue: what waits for a reviewer, per program
CREATE INDEX indicator_values_pending_idx ON indicator_values (org_id, program_id, status) WHERE deleted_at IS NULL AND status = 'submitted';

-- Evidence: photos, attendance sheets, reports. Kept in the database so a backup of it is a backup
-- of everything and several app processes see the same files (see docs/operations.md).
CREATE TABLE value_evidence (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  value_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, value_id) REFERENCES indicator_values (org_id, id) ON DELETE CASCADE
);
CREATE INDEX value_evidence_value_idx ON value_evidence (org_id, value_id);

-- A computed indicator's definition: building blocks chosen in the app (never SQL), see
-- src/domain/computed.ts. NULL for indicators whose values are entered.
ALTER TABLE indicators ADD COLUMN computation jsonb;

ALTER TABLE indicator_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE value_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON indicator_values TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON value_evidence TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_values, value_evidence TO gotong_app;
