-- A program's issue log, and tasks with comments (issue 4).

CREATE TABLE program_issues (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- what happened
  description text NOT NULL,
  impact text,
  decision text,
  owner_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  -- the app writes the organisation's today; current_date (UTC) is only a fallback
  raised_date date NOT NULL DEFAULT current_date,
  resolved_date date,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (resolved_date IS NULL OR resolved_date >= raised_date),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES memberships (org_id, user_id) ON DELETE SET NULL (owner_id)
);
CREATE INDEX program_issues_program_idx ON program_issues (org_id, program_id);

CREATE TABLE tasks (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- at most one link, inside the task's program (the app checks the program)
  result_id uuid,
  risk_id uuid,
  issue_id uuid,
  title text NOT NULL,
  description text,
  assignee_id uuid,
  due_date date,
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done', 'cancelled')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (num_nonnulls(result_id, risk_id, issue_id) <= 1),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, result_id) REFERENCES results (org_id, id) ON DELETE SET NULL (result_id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE SET NULL (risk_id),
  FOREIGN KEY (org_id, issue_id) REFERENCES program_issues (org_id, id) ON DELETE SET NULL (issue_id),
  FOREIGN KEY (org_id, assignee_id) REFERENCES memberships (org_id, user_id) ON DELETE SET NULL (assignee_id)
);
-- "my tasks": open ones by due date
CREATE INDEX tasks_assignee_idx ON tasks (org_id, assignee_id, status, due_date) WHERE deleted_at IS NULL;
CREATE INDEX tasks_program_idx ON tasks (org_id, program_id, due_date) WHERE deleted_at IS NULL;

CREATE TABLE task_comments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  task_id uuid NOT NULL,
  -- no membership key: a comment stays when its author leaves the organisation
  author_id uuid NOT NULL REFERENCES users (id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX task_comments_task_idx ON task_comments (org_id, task_id, id);

ALTER TABLE program_issues ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_issues TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON program_issues TO gotong_app;

ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tasks TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON tasks TO gotong_app;

ALTER TABLE task_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON task_comments TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, DELETE ON task_comments TO gotong_app;
