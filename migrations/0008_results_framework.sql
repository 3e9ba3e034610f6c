-- A program's results framework (issue 4): goal → outcomes → outputs → activities, one tree per
-- program. Each level's child is the next level; siblings keep the order the team gives them, and
-- their numbers (1, 1.2, 1.2.3) follow from that order.

CREATE TABLE results (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  parent_id uuid,
  level text NOT NULL CHECK (level IN ('goal', 'outcome', 'output', 'activity')),
  position integer NOT NULL CHECK (position >= 0),
  statement text NOT NULL,
  assumptions text,
  means_of_verification text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- a deleted result takes its children with it; they share the timestamp, so an undo brings back
  -- exactly what that delete removed
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, parent_id) REFERENCES results (org_id, id) ON DELETE CASCADE,
  CHECK ((level = 'goal') = (parent_id IS NULL))
);
CREATE INDEX results_program_idx ON results (org_id, program_id, parent_id, position);
-- one goal per program
CREATE UNIQUE INDEX results_one_goal ON results (org_id, program_id) WHERE level = 'goal' AND deleted_at IS NULL;

ALTER TABLE results ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON results TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON results TO gotong_app;
