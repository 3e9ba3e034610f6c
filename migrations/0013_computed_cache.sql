-- Computed indicators (issue 4) read big tables; their results are kept until the data they read
-- changes. A statement-level trigger bumps a per-organisation version of the registry on every
-- write to people or households (one row update per statement, so an import batch bumps it once);
-- a cached result names the version it was computed from.

CREATE TABLE data_versions (
  org_id uuid NOT NULL,
  source text NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, source)
);

CREATE TABLE computed_results (
  org_id uuid NOT NULL,
  indicator_id uuid NOT NULL,
  -- what was computed: definition, breakdowns, periods, bands, areas and the data version
  cache_key text NOT NULL,
  result jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, indicator_id),
  FOREIGN KEY (org_id, indicator_id) REFERENCES indicators (org_id, id) ON DELETE CASCADE
);

-- SECURITY DEFINER: the app role bumps the version without a grant to write it directly. It
-- serves only the registry's own tables, and nobody may call it otherwise.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_SCHEMA <> 'public' OR TG_TABLE_NAME NOT IN ('people', 'households') THEN
    RAISE EXCEPTION 'bump_data_version serves people and households only';
  END IF;
  INSERT INTO data_versions AS d (org_id, source, version)
    SELECT DISTINCT org_id, TG_ARGV[0], 1 FROM changed_rows
  ON CONFLICT (org_id, source) DO UPDATE SET version = d.version + 1;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION bump_data_version() FROM PUBLIC;

CREATE TRIGGER people_inserted AFTER INSERT ON people REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER people_updated AFTER UPDATE ON people REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER people_deleted AFTER DELETE ON people REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER households_inserted AFTER INSERT ON households REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER households_updated AFTER UPDATE ON households REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER households_deleted AFTER DELETE ON households REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');

ALTER TABLE data_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE computed_results ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_versions TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON computed_results TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT ON data_versions TO gotong_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON computed_results TO gotong_app;
