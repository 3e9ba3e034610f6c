-- Fuzzy name search under row-level security.
-- pg_trgm's operators are not LEAKPROOF, so under an RLS policy PostgreSQL refuses to use the
-- trigram index for them and scans the whole table. This function runs as the table owner
-- (SECURITY DEFINER, so the index is usable) and scopes itself to the transaction's tenant
-- (app.org_id, set by withTenant), returning only ids and scores of that organisation.
-- Matching is word similarity (each query word against the closest part of the name: typos,
-- spelling variants, word order, partial names) plus plain substrings; whole-string similarity
-- (%) was left out: on Indonesian names built from a small pool of common words it matches
-- hundreds of rows and costs 10x more.
-- EXECUTE plans each call with the actual search text (a generic plan misjudges trigram costs).
CREATE FUNCTION people_name_matches(q text, pattern text)
RETURNS TABLE (id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT p.id, greatest(similarity(p.search_name, $1), word_similarity($1, p.search_name))::real
       FROM people p
      WHERE p.org_id = $3
        AND (p.org_id, p.id) IN (
          SELECT c.org_id, c.id FROM people c WHERE $1 <% c.search_name
          UNION SELECT c.org_id, c.id FROM people c WHERE c.search_name LIKE $2)'
    USING q, pattern, nullif(current_setting('app.org_id', true), '')::uuid;
END
$$;
REVOKE ALL ON FUNCTION people_name_matches(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION people_name_matches(text, text) TO gotong_app;
