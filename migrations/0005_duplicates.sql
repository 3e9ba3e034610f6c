-- Duplicate detection. Each person has a few blocking keys (src/domain/dedupe/blocking.ts:
-- NIK halves, name word + birthday, ...), stored only as 64-bit truncated HMACs because they
-- hold personal data (a bigint keeps the index small: seven keys per person). People who share a key are candidates; a new entry or an imported row looks its
-- keys up in this index instead of scanning the registry.
CREATE TABLE person_keys (
  org_id uuid NOT NULL,
  key bigint NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (org_id, key, person_id)
);
CREATE INDEX person_keys_person_idx ON person_keys (org_id, person_id);

-- Candidate pairs and what the reviewer decided. person_a < person_b, so a pair is stored once.
CREATE TABLE duplicate_pairs (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  person_a uuid NOT NULL,
  person_b uuid NOT NULL,
  score real NOT NULL,
  reasons jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('entry', 'import', 'scan')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'not_duplicate')),
  decided_by uuid,
  decided_by_name text,
  decided_at timestamptz,
  merge_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, person_a, person_b),
  CHECK (person_a < person_b)
);
CREATE INDEX duplicate_pairs_queue_idx ON duplicate_pairs (org_id, status, score DESC, id);
CREATE INDEX duplicate_pairs_b_idx ON duplicate_pairs (org_id, person_b);

-- A merge keeps enough to be undone: both records as they were, and every link it moved.
CREATE TABLE merges (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  pair_id uuid,
  kept_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  kept_before jsonb NOT NULL,
  merged_before jsonb NOT NULL,
  choices jsonb NOT NULL,
  moved jsonb NOT NULL DEFAULT '{}',
  created_by uuid,
  created_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  PRIMARY KEY (org_id, id)
);

-- The person a merged record now lives on (the merged record stays, in the bin, for undo).
ALTER TABLE people ADD COLUMN merged_into uuid;
-- Per-organisation settings (duplicate thresholds, and later others), validated by the API.
ALTER TABLE organizations ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

ALTER TABLE person_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE duplicate_pairs ENABLE ROW LEVEL SECURITY;
ALTER TABLE merges ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON person_keys TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON duplicate_pairs TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON merges TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON person_keys, duplicate_pairs, merges TO gotong_app;
