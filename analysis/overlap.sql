-- Which provincial platforms are, or look like, a platform the centre already provides: the
-- candidates, computed whenever they are read (nothing is stored, so they always follow the
-- current lists and the current method). analysis/overlap.py describes the method; its Python
-- ``prepare`` is the specification the features here are tested equal to, and its constants are
-- tested equal to overlap_setting.
--
-- Inputs: views in the database (store/schema.sql), tables in analysis.overlap.match's own
-- in-memory connection.
--   overlap_central(id, list_id, name, name_key, name_fold, code)   central names, id 0..n-1
--   overlap_local(lid, list_id, name, name_key, name_fold, code)    provincial platforms
--   overlap_place(list_id, place)                                   folded names of each
--                                                                   provincial list's province

CREATE VIEW overlap_setting AS
SELECT 85 AS uses_central,     -- at least this, and no local marker: it is the central platform
       50 AS possible,         -- at least this: a possible duplicate, for a reviewer
       15 AS same_sector,      -- both sides managed in the same sector
       -10 AS other_sector,    -- both sides have a sector and they differ
       3 AS candidates;        -- candidates kept per provincial platform

-- "... tỉnh", "... cấp tỉnh", "... thành phố" closing a name mark a local system; the tail and the
-- generic words become phrase breaks (the letters-only marker below, then '|').
CREATE MACRO overlap_has_tail(folded) AS regexp_matches(folded, '\b(?:cap tinh|tinh|thanh pho)$');
CREATE MACRO overlap_untail(folded) AS regexp_replace(folded, '\b(?:cap tinh|tinh|thanh pho)$', ' qqphrasebreakqq ');
-- Syllables, phrase breaks as '|'. ``fold`` leaves single spaces only, so splitting on ' ' is
-- enough once the empty pieces the breaks leave are dropped.
CREATE MACRO overlap_tokens(folded) AS list_filter(string_split(replace(regexp_replace(folded,
    '\b(?:dung\ chung|he\ thong|nen\ tang|phan\ mem|ung\ dung|quoc\ gia|dia\ ban|tren|cua|cac|va|ve|so)\b',
    ' qqphrasebreakqq ', 'g'), 'qqphrasebreakqq', '|'), ' '), lambda x: x <> '');
-- The features: the syllables, and adjacent syllables within a phrase as pairs. (Give it a column:
-- a macro's argument is repeated where it is used, an expression would be computed four times.)
CREATE MACRO overlap_features(tokens) AS list_distinct(list_concat(
    list_filter(tokens, lambda x: x <> '|'),
    list_filter(list_transform(range(1, len(tokens)), lambda i:
        CASE WHEN tokens[i] <> '|' AND tokens[i + 1] <> '|' THEN tokens[i] || ' ' || tokens[i + 1] END),
        lambda x: x IS NOT NULL)));

-- The provincial side: the province's own names (current and former, with "tỉnh", "thành phố",
-- "tp" before them) are removed like generic words and remembered as a sign of a local system.
CREATE VIEW overlap_local_prepared AS
WITH pattern AS (
    SELECT list_id, '\b(?:(?:cap tinh|tinh|thanh pho|tp)\s+)?(?:'
                    || string_agg(place, '|' ORDER BY length(place) DESC, place) || ')\b' AS pattern
    FROM (SELECT DISTINCT list_id, place FROM overlap_place WHERE place <> '') GROUP BY list_id),
untailed AS (
    SELECT l.lid, l.list_id, l.name, l.name_key, l.code, overlap_has_tail(l.name_fold) AS tail_marker,
           overlap_untail(l.name_fold) AS folded, p.pattern
    FROM overlap_local l LEFT JOIN pattern p USING (list_id))
SELECT lid, list_id, name, name_key, code,
       tail_marker OR coalesce(regexp_matches(folded, pattern), false) AS local_marker,
       coalesce(regexp_replace(folded, pattern, ' qqphrasebreakqq ', 'g'), folded) AS folded
FROM untailed;

-- Every name's features (side 'c': overlap_central.id, 'l': overlap_local.lid), for inspection
-- and the tests; overlap_candidate computes the same with the central side read once.
CREATE VIEW overlap_feature AS
WITH t AS MATERIALIZED (
    SELECT 'c' AS side, id, overlap_tokens(overlap_untail(name_fold)) AS tokens FROM overlap_central
    UNION ALL
    SELECT 'l', lid, overlap_tokens(folded) FROM overlap_local_prepared)
SELECT side, id, unnest(overlap_features(tokens)) AS f FROM t;

-- Scores: the mean of the weighted Dice overlap and the containment of the smaller feature set;
-- weights are idf = ln((n + 1) / (df + 0.5)) over the central names; a feature no central name
-- has weighs ln((n + 1) / 0.5). Pairs that cannot reach ``possible`` are dropped before the
-- sector, the ranking and the joins: the Dice term never exceeds the containment, so raw <=
-- 100 * s / least(lw, cw), and the sector adds at most ``same_sector``.
CREATE VIEW overlap_candidate AS
WITH central AS MATERIALIZED (SELECT * FROM overlap_central),
local AS MATERIALIZED (SELECT * FROM overlap_local_prepared),
k AS MATERIALIZED (SELECT s.*, (SELECT count(*) FROM central)::DOUBLE AS n FROM overlap_setting s),
ct AS MATERIALIZED (SELECT id, overlap_tokens(overlap_untail(name_fold)) AS tokens FROM central),
cf AS MATERIALIZED (SELECT id, unnest(overlap_features(tokens)) AS f FROM ct),
lt AS MATERIALIZED (SELECT lid, overlap_tokens(folded) AS tokens FROM local),
lf AS MATERIALIZED (SELECT lid, unnest(overlap_features(tokens)) AS f FROM lt),
idf AS MATERIALIZED (SELECT f, ln(((SELECT n FROM k) + 1) / (count(*) + 0.5)) AS w FROM cf GROUP BY f),
cw AS (SELECT id, sum(w) AS w FROM cf JOIN idf USING (f) GROUP BY id),
lw AS (SELECT lid, sum(coalesce(idf.w, ln(((SELECT n FROM k) + 1) / 0.5))) AS w
       FROM lf LEFT JOIN idf USING (f) GROUP BY lid),
shared AS (SELECT lf.lid, cf.id, sum(idf.w) AS s FROM lf JOIN cf USING (f) JOIN idf USING (f) GROUP BY ALL),
raw AS (SELECT shared.lid, shared.id, 100 * (2 * s / (lw.w + cw.w) + s / least(lw.w, cw.w)) / 2 AS raw
        FROM shared JOIN lw USING (lid) JOIN cw USING (id), k
        WHERE 100 * s >= (k.possible - greatest(k.same_sector, 0)) * least(lw.w, cw.w)),
adjusted AS (
    SELECT raw.lid, raw.id, round(CASE WHEN l.code IS NULL OR c.code IS NULL THEN raw
                                      ELSE greatest(0, least(100, raw + CASE WHEN l.code = c.code
                                                                   THEN k.same_sector ELSE k.other_sector END)) END,
                                 1) AS score
    FROM raw JOIN local l USING (lid) JOIN central c USING (id), k),
ranked AS (SELECT *, row_number() OVER (PARTITION BY lid ORDER BY score DESC, id) AS rank FROM adjusted, k
           WHERE score >= k.possible)
SELECT l.list_id, l.name_key, l.name, c.list_id AS central_list_id, c.name_key AS central_key,
       c.name AS central_name, c.code AS central_ministry_code, r.score,
       CASE WHEN r.score >= k.uses_central AND NOT l.local_marker THEN 'uses_central' ELSE 'possible_duplicate' END
           AS machine_class,
       r.rank::INTEGER AS rank, l.local_marker, l.lid
FROM ranked r JOIN local l USING (lid) JOIN central c USING (id), k
WHERE r.rank <= k.candidates;
