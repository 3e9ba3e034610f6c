-- Donations (issue 6 point 6): campaigns (appeals), one-off and recurring gifts in money or in
-- kind, and receipts numbered without gaps per organisation and year. A donor is either a
-- registry person (who gets the 'donor' role) or a funder organisation, exactly one.
-- Amounts are integer minor units (bigint) with an ISO 4217 code (src/domain/money.ts).

CREATE TABLE campaigns (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  goal_amount bigint CHECK (goal_amount >= 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  start_date date,
  end_date date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'closed')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX campaigns_name_idx ON campaigns (org_id, lower(name)) WHERE deleted_at IS NULL;

-- A promise to give regularly; each gift that arrives is a donation linked to it.
CREATE TABLE pledges (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid,
  funder_id uuid,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
  start_date date NOT NULL,
  end_date date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),
  campaign_id uuid,
  program_id uuid,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((person_id IS NULL) <> (funder_id IS NULL)),
  CHECK (end_date IS NULL OR end_date >= start_date),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id)
);
CREATE INDEX pledges_person_idx ON pledges (org_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX pledges_funder_idx ON pledges (org_id, funder_id) WHERE funder_id IS NOT NULL;

CREATE TABLE donations (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid,
  funder_id uuid,
  kind text NOT NULL CHECK (kind IN ('money', 'in_kind')),
  -- money: the amount given; in kind: the estimated value of the goods
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'IDR' CHECK (currency ~ '^[A-Z]{3}$'),
  goods text,
  received_on date NOT NULL,
  method text CHECK (method IN ('cash', 'transfer', 'ewallet', 'cheque', 'other')),
  campaign_id uuid,
  -- restricted to a program
  program_id uuid,
  pledge_id uuid,
  receipt_number text,
  receipt_year integer,
  receipt_seq integer,
  receipt_issued_on date,
  note text,
  anonymous boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((person_id IS NULL) <> (funder_id IS NULL)),
  CHECK (kind = 'money' OR goods IS NOT NULL),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id),
  FOREIGN KEY (org_id, funder_id) REFERENCES funders (org_id, id),
  FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id),
  FOREIGN KEY (org_id, pledge_id) REFERENCES pledges (org_id, id)
);
CREATE UNIQUE INDEX donations_receipt_once ON donations (org_id, receipt_year, receipt_seq) WHERE receipt_seq IS NOT NULL;
CREATE INDEX donations_received_idx ON donations (org_id, received_on DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX donations_person_idx ON donations (org_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX donations_funder_idx ON donations (org_id, funder_id) WHERE funder_id IS NOT NULL;
CREATE INDEX donations_campaign_idx ON donations (org_id, campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX donations_pledge_idx ON donations (org_id, pledge_id) WHERE pledge_id IS NOT NULL;

-- The last receipt number of a year: the row is locked by the transaction that issues the next
-- one, so numbers are gapless (a rolled-back issue gives its number back) and never twice.
CREATE TABLE receipt_counters (
  org_id uuid NOT NULL,
  year integer NOT NULL,
  last_seq integer NOT NULL,
  PRIMARY KEY (org_id, year)
);

ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE pledges ENABLE ROW LEVEL SECURITY;
ALTER TABLE donations ENABLE ROW LEVEL SECURITY;
ALTER TABLE receipt_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaigns TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON pledges TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON donations TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON receipt_counters TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON campaigns, pledges, donations, receipt_counters TO gotong_app;
