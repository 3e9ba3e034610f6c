-- Search and filtered lists at a million people (issue 3).
--
-- 1. Name search word by word. Trigrams over whole names are slow at scale: Indonesian names are
--    built from a small pool of common words, so the trigram index returns tens of thousands of
--    rows to recheck for a query like "Nur Mhammad" (p95 450 ms at 1M). Instead each query word
--    is first matched against the organisation's vocabulary of name words (a few thousand words,
--    trigram similarity ≥ 0.3, or containing the query word), and people must have, for every query
--    word, one of its matching words: a GIN index over the name's words answers that, and only
--    the few people that match are scored. When no one matches that way (a word fused with
--    another, say) the whole-name trigram search of migration 0003 runs as before.
-- (pg_trgm's library must be loaded before a function may SET its thresholds)
SELECT similarity('a', 'b');

CREATE TABLE name_words (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  word text NOT NULL
);
-- text_pattern_ops: also answers the prefix match of one- and two-letter query words
CREATE UNIQUE INDEX name_words_key ON name_words (org_id, word text_pattern_ops);
CREATE INDEX name_words_trgm ON name_words USING gin (word gin_trgm_ops);
ALTER TABLE name_words ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON name_words TO gotong_app
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT ON name_words TO gotong_app;

INSERT INTO name_words (org_id, word)
SELECT DISTINCT org_id, w FROM people, unnest(string_to_array(search_name, ' ')) w WHERE w <> '';

-- The vocabulary only grows (a word no one has any more matches no one): kept by statement
-- triggers, so every way people are written (forms, imports' COPY, merges) feeds it. Words go in
-- sorted, so two transactions adding the same new words wait for each other in one order.
CREATE FUNCTION people_name_words() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO name_words (org_id, word)
    SELECT DISTINCT n.org_id, w FROM new_rows n, unnest(string_to_array(n.search_name, ' ')) w WHERE w <> ''
    ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO name_words (org_id, word)
    SELECT DISTINCT n.org_id, w
      FROM new_rows n JOIN old_rows o ON o.org_id = n.org_id AND o.id = n.id AND o.search_name IS DISTINCT FROM n.search_name,
           unnest(string_to_array(n.search_name, ' ')) w WHERE w <> ''
    ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER people_name_words_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_name_words();
CREATE TRIGGER people_name_words_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_name_words();

CREATE INDEX people_search_words ON people USING gin (string_to_array(search_name, ' '));

-- max_rows: how many matches to rank at most (the list asks 2,001, an export all: NULL).
DROP FUNCTION people_name_matches(text, text);
CREATE FUNCTION people_name_matches(q text, pattern text, max_rows integer)
RETURNS TABLE (id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
ROWS 30
SET search_path = public, pg_temp
SET pg_trgm.word_similarity_threshold = 0.6
-- word against word: one typo in a five-letter word ("taufk" for "taufik") scores 0.44
SET pg_trgm.similarity_threshold = 0.3
SET enable_seqscan = off
AS $$
DECLARE
  org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
  conds text := '';
  w text;
  words text[];
  found_count integer;
  lim text := coalesce(max_rows::text, 'ALL');
BEGIN
  FOR w IN SELECT DISTINCT x FROM unnest(string_to_array(q, ' ')) x WHERE x <> '' LOOP
    SELECT coalesce(array_agg(v.word), '{}') INTO words FROM (
      SELECT n.word FROM name_words n
       WHERE n.org_id = org
         AND (n.word = w
              OR (length(w) >= 3 AND (n.word % w OR n.word LIKE '%' || w || '%'))
              OR (length(w) < 3 AND n.word LIKE w || '%'))
       ORDER BY similarity(n.word, w) DESC LIMIT 500) v;
    IF cardinality(words) = 0 THEN
      conds := NULL;
      EXIT;
    END IF;
    conds := conds || format(' AND string_to_array(search_name, '' '') && %L::text[]', words);
  END LOOP;
  IF conds <> '' THEN
    -- A list search matching more people than it shows (one common word) ranks the first
    -- max_rows found: the list says "1,000+" and the user adds a word (SEARCH_CAP in
    -- src/server/platform/paging.ts).
    RETURN QUERY EXECUTE format(
      'SELECT c.id, greatest(similarity(c.search_name, $1), word_similarity($1, c.search_name))::real
         FROM (SELECT id, org_id, search_name FROM people WHERE true %s OFFSET 0) c
        WHERE c.org_id = $2 LIMIT %s', conds, lim)
      USING q, org;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;

  -- As migration 0003: the whole name by trigrams, at 0.5 when 0.6 finds fewer than five.
  EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM (SELECT org_id FROM people WHERE $1 <% search_name OFFSET 0) c WHERE c.org_id = $2 LIMIT 5) f'
    INTO found_count USING q, org;
  IF found_count < 5 THEN
    PERFORM set_config('pg_trgm.word_similarity_threshold', '0.5', true);
  END IF;
  RETURN QUERY EXECUTE
    'SELECT c.id, greatest(similarity(c.search_name, $1), word_similarity($1, c.search_name))::real
       FROM (SELECT id, org_id, search_name FROM people WHERE $1 <% search_name OR search_name LIKE $2 OFFSET 0) c
      WHERE c.org_id = $3 LIMIT ' || lim
    USING q, pattern, org;
END
$$;
REVOKE ALL ON FUNCTION people_name_matches(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION people_name_matches(text, text, integer) TO gotong_app;

-- 2. Filtered lists. Under row-level security PostgreSQL only uses an index for leakproof
--    operators: LIKE is not, so "in this regency" (area_code LIKE '35.29.%') scanned the whole
--    table. The filter is now a range with the leakproof pattern operators (~>=~ ~<~), and the
--    area index carries the other common filters and the list's sort keys, so that a regency's
--    page (listPeople sorts its matching ids first) and its capped count (up to 10,001 matches)
--    are read from the index alone.
DROP INDEX people_area_idx;
CREATE INDEX people_area_idx ON people (org_id, area_code text_pattern_ops) INCLUDE (sex, birth_date, birth_year, deleted_at, full_name, id);
