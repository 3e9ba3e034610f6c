-- A program's risk register (issue 4): what could go wrong, how likely, how bad, what is done.

CREATE TABLE risks (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  description text NOT NULL,
  category text NOT NULL CHECK (category IN ('policy_change', 'funding', 'security', 'community_conflict', 'internal_conflict', 'delay', 'environment', 'other')),
  likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
  mitigation text,
  owner_id uuid,
  review_date date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'closed')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES memberships (org_id, user_id) ON DELETE SET NULL (owner_id)
);
CREATE INDEX risks_program_idx ON risks (org_id, program_id);

ALTER TABLE risks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON risks TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON risks TO gotong_app;
