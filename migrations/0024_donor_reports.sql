-- The donor progress report (issue 6): a grant's report for a period — the narrative the
-- organisation writes; the figures (indicators, activities, budget) are read from the data
-- when the report is shown or exported, so they are never typed twice. The organisation's logo
-- heads the documents.

ALTER TABLE organizations ADD COLUMN logo bytea;
ALTER TABLE organizations ADD COLUMN logo_content_type text CHECK (logo_content_type IN ('image/png', 'image/jpeg'));
ALTER TABLE organizations ADD CONSTRAINT organizations_logo_size CHECK (logo IS NULL OR octet_length(logo) <= 2097152);

CREATE TABLE donor_reports (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  grant_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  period_start date NOT NULL,
  period_end date NOT NULL,
  -- { "summary": "…", "progress": "…", "challenges": "…", "lessons": "…", "nextSteps": "…" }
  narrative jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (period_end >= period_start),
  FOREIGN KEY (org_id, grant_id) REFERENCES grants (org_id, id) ON DELETE CASCADE
);
CREATE INDEX donor_reports_grant_idx ON donor_reports (org_id, grant_id, period_start) WHERE deleted_at IS NULL;

ALTER TABLE donor_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON donor_reports TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON donor_reports TO gotong_app;
