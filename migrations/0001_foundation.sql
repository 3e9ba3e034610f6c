-- Foundation: accounts, organisations, members, tokens, audit, mail outbox, people, households.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15+. IDs are UUIDv7 made by the app.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The role every tenant transaction switches to (SET LOCAL ROLE), so row-level security holds
-- even when the connection itself is a superuser (PGlite always is) or the table owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gotong_app') THEN
    CREATE ROLE gotong_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END $$;

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id text PRIMARY KEY,               -- sha256 of the cookie value; the value itself is never stored
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  active_org_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE memberships (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'staff', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users (id),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE api_tokens (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE audit_log (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text,
  via text NOT NULL DEFAULT 'session',
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_entity_idx ON audit_log (org_id, entity_type, entity_id, id);
CREATE INDEX audit_actor_idx ON audit_log (org_id, actor_id, id);

-- Mail is written here in the same transaction as the change that causes it, then delivered
-- (SMTP when configured) by the outbox sender; the web app shows it to admins.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  org_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  to_email text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'logged')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE TABLE households (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  kk_enc text,
  kk_bidx text,
  kk_masked text,
  address text,
  area_code text,
  notes text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX households_kk_idx ON households (org_id, kk_bidx);
CREATE INDEX households_name_trgm ON households USING gin (lower(name) gin_trgm_ops);

CREATE TABLE people (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  full_name text NOT NULL,
  preferred_name text,
  search_name text NOT NULL,
  sex text CHECK (sex IN ('female', 'male')),
  birth_date date,
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  nik_enc text,
  nik_bidx text,
  nik_masked text,
  phone text,
  email text,
  address text,
  area_code text,
  disability jsonb,
  has_disability boolean NOT NULL DEFAULT false,
  welfare_decile smallint CHECK (welfare_decile BETWEEN 1 AND 10),
  roles text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  consent_given boolean NOT NULL DEFAULT false,
  consent_date date,
  consent_purpose text,
  consent_recorded_by uuid,
  notes text,
  household_id uuid,
  relationship text CHECK (relationship IN ('head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'in_law', 'other_family', 'other')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id)
);
CREATE INDEX people_name_idx ON people (org_id, full_name, id);
CREATE INDEX people_created_idx ON people (org_id, created_at, id);
CREATE INDEX people_search_trgm ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX people_nik_idx ON people (org_id, nik_bidx);
CREATE INDEX people_phone_idx ON people (org_id, phone);
CREATE INDEX people_area_idx ON people (org_id, area_code text_pattern_ops);
CREATE INDEX people_household_idx ON people (org_id, household_id);
CREATE INDEX people_roles_idx ON people USING gin (roles);
CREATE INDEX people_tags_idx ON people USING gin (tags);

-- Row-level security: a tenant transaction sees only the rows of app.org_id.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE households ENABLE ROW LEVEL SECURITY;
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON memberships TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON invitations TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON api_tokens TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON audit_log TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON mail_outbox TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON households TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON people TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON organizations TO gotong_app
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, invitations, api_tokens, audit_log,
  mail_outbox, households, people, organizations TO gotong_app;
-- Tenant transactions see who people are (names on members, audit, consent), never password hashes.
GRANT SELECT (id, email, name, locale) ON users TO gotong_app;
