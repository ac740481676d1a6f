-- Run after store/schema.sql and analysis/overlap.sql (it reads overlap_candidate).

-- One row per platform of the current provincial lists: its best candidate not dismissed by a
-- reviewer (a confirmed one first), classified uses_central / possible_duplicate / local_only.
CREATE VIEW provincial_overlap AS
WITH latest AS (
    SELECT *, row_number() OVER (PARTITION BY list_id, name_key, central_list_id, central_key
                                 ORDER BY decided_at DESC, decision_id DESC) AS rn
    FROM overlap_decision),
cand AS (
    SELECT c.*, d.decision, d.decided_by, d.decided_at, d.note AS review_note,
           row_number() OVER (PARTITION BY c.list_id, c.name_key
                              ORDER BY CASE d.decision WHEN 'confirm' THEN 0 WHEN 'dismiss' THEN 2 ELSE 1 END,
                                       c.score DESC, c.rank) AS pick
    FROM overlap_candidate c
    LEFT JOIN latest d ON d.rn = 1 AND d.list_id = c.list_id AND d.name_key = c.name_key
         AND d.central_list_id = c.central_list_id AND d.central_key = c.central_key)
SELECT p.list_id, p.row_no, p.name, p.name_key, p.status, l.province_code, p.ministry_code AS line_ministry_code,
       p.ministry_as_written AS department, c.central_list_id, c.central_name, c.central_key,
       c.central_ministry_code, c.score,
       CASE WHEN c.central_key IS NULL OR c.decision = 'dismiss' THEN 'local_only' ELSE c.machine_class END
           AS classification,
       coalesce(c.machine_class, 'local_only') AS machine_classification,
       CASE c.decision WHEN 'confirm' THEN 'confirmed' WHEN 'dismiss' THEN 'dismissed'
            ELSE CASE WHEN c.central_key IS NULL THEN NULL ELSE 'pending' END END AS review,
       c.decided_by, c.decided_at, c.review_note
FROM platform_current p
JOIN platform_list l ON l.list_id = p.list_id AND l.kind = 'provincial'
LEFT JOIN cand c ON c.list_id = p.list_id AND c.name_key = p.name_key AND c.pick = 1;
