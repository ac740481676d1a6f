-- NDP Tracker database: a public interface (see README "The database").
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE body (
    code VARCHAR PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, kind VARCHAR,
    abbr_vi VARCHAR, valid_from DATE, valid_to DATE, successor_code VARCHAR, source VARCHAR);

CREATE TABLE body_lineage (
    from_code VARCHAR, to_code VARCHAR, effective VARCHAR, change VARCHAR, source VARCHAR);

-- Functions that moved to another body than their owner's successor (driver licences: MOT -> MPS).
CREATE TABLE function_transfer (
    keyword VARCHAR, from_code VARCHAR, to_code VARCHAR, effective DATE, change VARCHAR, source VARCHAR);

-- Provincial departments (Sở ...) and the line ministry whose sector they serve (departments.csv).
CREATE TABLE department (
    department_vi VARCHAR NOT NULL, line_code VARCHAR NOT NULL, sector_vi VARCHAR, sector_en VARCHAR, basis VARCHAR,
    source VARCHAR);

CREATE TABLE platform_list (
    list_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, title_vi VARCHAR, title_en VARCHAR,
    issuer_code VARCHAR, issuer_name VARCHAR, province_code VARCHAR, document_no VARCHAR, issued_on DATE, as_of DATE, published_total INTEGER,
    scope VARCHAR, source VARCHAR,
    registered_by VARCHAR, registered_at TIMESTAMP,    -- set for lists registered after the build
    basis VARCHAR);                                    -- 'published' or 'inferred: ...' (its number or date)

CREATE TABLE import_log (
    import_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, file_name VARCHAR, sha256 VARCHAR,
    as_of DATE NOT NULL, imported_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL,
    rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, message VARCHAR,
    sheet VARCHAR, header_row_no INTEGER, actor VARCHAR,
    kind VARCHAR NOT NULL DEFAULT 'list',       -- 'list' or 'progress'
    is_demo BOOLEAN NOT NULL DEFAULT false);    -- a file marked as demo data

-- platform (one row per platform of an import) is created before this file from its one
-- declaration, loaders/platform_row.py: import_id, list_id, row_no, sheet, name, name_key, name_fold,
-- name_en, ministry_code, ministry_as_written, written_body_code, name_basis, name_in_source, status,
-- sector, note, source.

CREATE TABLE rejected_row (
    import_id INTEGER NOT NULL, row_no INTEGER NOT NULL, reason VARCHAR NOT NULL,
    reason_code VARCHAR, detail JSON, sheet VARCHAR);

-- sector: what the source says an unnamed platform is about (the 4 of the 55 named by sector only).
CREATE TABLE published_count (
    list_id VARCHAR, body_code VARCHAR, count INTEGER, basis VARCHAR, source VARCHAR, sector VARCHAR);

CREATE TABLE published_figure (
    list_id VARCHAR, figure_key VARCHAR, figure VARCHAR, value INTEGER, as_of DATE, source VARCHAR, basis VARCHAR);

-- The register of documents and articles every `source` column refers to (documents.csv). A
-- `source` is `doc_id [(note)]`, several joined by ` ; `. issued_on is text: some are month-only.
CREATE TABLE document (
    doc_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL
        CHECK (kind IN ('decision', 'dispatch', 'resolution', 'decree', 'article', 'portal', 'dataset')),
    number VARCHAR, issuer VARCHAR, issued_on VARCHAR, title_vi VARCHAR, title_en VARCHAR, url VARCHAR,
    edition_language VARCHAR, edition_read VARCHAR, what_the_project_takes VARCHAR, basis VARCHAR, text_file VARCHAR,
    note_vi VARCHAR, basis_vi VARCHAR);   -- the two notes in Vietnamese: the project's translation (documents.csv)

-- The six steps of guidance dispatch 2291/BTTTT-KTS&XHS (guidance_2291.csv); its sixteen addressees
-- are addressee_2291 (the one table for them).
CREATE TABLE guidance_item (
    doc_id VARCHAR, item VARCHAR, ordinal INTEGER, body_code VARCHAR, text_vi VARCHAR, text_en VARCHAR,
    basis VARCHAR, source VARCHAR);

-- Items of a list known by name from the sources though the list itself is not public (known_items.csv).
CREATE TABLE known_item (
    list_id VARCHAR, name_vi VARCHAR, name_en VARCHAR, body_code VARCHAR, name_basis VARCHAR, owner_basis VARCHAR,
    name_in_source VARCHAR, source VARCHAR);

-- When each reference file was last checked against its sources (checked.csv).
CREATE TABLE reference_check (file VARCHAR PRIMARY KEY, checked_on DATE NOT NULL, against VARCHAR, note VARCHAR);

CREATE TABLE publication_status (
    list_id VARCHAR, body_code VARCHAR, status VARCHAR, basis VARCHAR, source VARCHAR);

CREATE TABLE criteria_1230 (
    "group" INTEGER, name_vi VARCHAR, name_en VARCHAR, source VARCHAR);

CREATE TABLE province_2024 (
    code VARCHAR PRIMARY KEY, name_vi VARCHAR, name_en VARCHAR, full_name_vi VARCHAR,
    full_name_en VARCHAR, unit_type VARCHAR, source VARCHAR);

CREATE TABLE province_2025 (
    code VARCHAR PRIMARY KEY, name_vi VARCHAR, name_en VARCHAR, full_name_vi VARCHAR,
    full_name_en VARCHAR, unit_type VARCHAR, status VARCHAR, merged_from_2024 VARCHAR, source VARCHAR);

CREATE TABLE province_merger (
    old_code VARCHAR, old_name_vi VARCHAR, new_code VARCHAR, new_name_vi VARCHAR,
    legal_basis VARCHAR, source VARCHAR);

-- Lifecycle of a shared platform (data/reference/stages.csv).
CREATE TABLE stage (stage_id VARCHAR PRIMARY KEY, ordinal INTEGER NOT NULL, name_vi VARCHAR, name_en VARCHAR,
                    source VARCHAR, basis VARCHAR);

-- Progress is dated events, never a status overwritten in place. platform_key is the folded name.
CREATE TABLE platform_event (
    event_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL,
    platform_name VARCHAR NOT NULL, stage_id VARCHAR NOT NULL, event_date DATE NOT NULL,
    document_no VARCHAR, note VARCHAR, import_id INTEGER, source VARCHAR,
    -- Public evidence (data/reference/progress_evidence.csv, or added on the progress page): where a
    -- step was read and how sure it is. Rows from list and progress imports keep the defaults.
    origin VARCHAR,                 -- 'public_evidence'; NULL: an import (the view says which kind)
    confidence VARCHAR NOT NULL DEFAULT 'confirmed' CHECK (confidence IN ('confirmed', 'likely', 'uncertain')),
    source_url VARCHAR, source_publisher VARCHAR,
    source_date VARCHAR,            -- as the evidence gives it: yyyy, yyyy-mm or yyyy-mm-dd
    quote VARCHAR,
    stated_date VARCHAR,            -- the step's date as the evidence gives it (may be month-only or blank)
    date_basis VARCHAR NOT NULL DEFAULT 'day'    -- how event_date follows from it: the day; the month's last
        CHECK (date_basis IN ('day', 'month', 'by_source', 'by_search')),   -- day; by the source's / search's date
    evidence_key VARCHAR,           -- one piece of evidence; its confirm / withdraw rows repeat the key
    action VARCHAR NOT NULL DEFAULT 'add' CHECK (action IN ('add', 'confirm', 'withdraw')),
    added_by VARCHAR, added_at TIMESTAMP);

-- Where public evidence was searched for a listed platform and none was found (a finding of "not
-- found", not of "absent").
CREATE TABLE evidence_search (
    list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    searched_on DATE NOT NULL, found BOOLEAN NOT NULL, note VARCHAR, source VARCHAR);

-- Other names of a listed platform used to match progress files (the list's name stays):
-- basis 'identified' = an official name read in a source, for a name translated back from French.
CREATE TABLE platform_alias (
    list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    alias VARCHAR NOT NULL, alias_key VARCHAR NOT NULL, basis VARCHAR NOT NULL, source_url VARCHAR,
    source_publisher VARCHAR, source_date VARCHAR, note VARCHAR);

-- The events in force: the latest row of each piece of evidence (a confirmation replaces its
-- confidence; a withdrawal removes it), every other event as recorded; origin said for all.
CREATE VIEW platform_event_current AS
WITH ranked AS (
    SELECT e.*, row_number() OVER (PARTITION BY coalesce(e.evidence_key, 'event:' || e.event_id)
                                   ORDER BY e.action = 'add', e.added_at DESC NULLS LAST, e.event_id DESC) AS rn
    FROM platform_event e)
SELECT r.* EXCLUDE (rn, origin),
       coalesce(r.origin, CASE i.kind WHEN 'list' THEN 'decision' ELSE 'progress_file' END) AS origin
FROM ranked r LEFT JOIN import_log i ON i.import_id = r.import_id
WHERE r.rn = 1 AND r.action <> 'withdraw';

-- Target dates announced for a stage (for overdue flags).
CREATE TABLE stage_target (
    list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    stage_id VARCHAR NOT NULL, target_date DATE NOT NULL, document_no VARCHAR, import_id INTEGER);

-- The rows of the latest successful list import of each list (latest as_of, then latest import).
-- An import dated after the day it was made never counts (actions/guards.py refuses one; this keeps
-- a database written before that rule from being bent by one).
CREATE VIEW platform_current AS
WITH ranked AS (
    SELECT import_id, row_number() OVER (PARTITION BY list_id ORDER BY as_of DESC, import_id DESC) AS rn
    FROM import_log WHERE status IN ('loaded', 'loaded_with_rejections') AND kind = 'list'
      AND as_of <= CAST(imported_at AS DATE))
SELECT p.* FROM platform p JOIN ranked r ON p.import_id = r.import_id WHERE r.rn = 1;

-- Each platform's highest stage reached on date d, recomputed from the events in force. Uncertain
-- evidence never counts; a step reached before the platform was listed counts for the list's
-- progress from the listing date (stage_date stays the true date).
CREATE MACRO platform_status_at(d) AS TABLE
WITH listed AS (
    SELECT list_id, platform_key, min(event_date) AS listed_on FROM platform_event_current
    WHERE stage_id = 'listed' GROUP BY ALL),
reached AS (
    SELECT e.list_id, e.platform_key, e.stage_id, s.ordinal, e.event_date,
           row_number() OVER (PARTITION BY e.list_id, e.platform_key
                              ORDER BY s.ordinal DESC, e.event_date DESC, e.event_id DESC) AS rn
    FROM platform_event_current e JOIN stage s ON s.stage_id = e.stage_id
    LEFT JOIN listed l ON l.list_id = e.list_id AND l.platform_key = e.platform_key
    WHERE e.confidence <> 'uncertain' AND greatest(e.event_date, coalesce(l.listed_on, e.event_date)) <= CAST(d AS DATE))
SELECT p.list_id, p.name, p.ministry_code, r.stage_id, r.ordinal AS stage_ordinal, r.event_date AS stage_date
FROM platform_current p JOIN reached r ON r.list_id = p.list_id AND r.platform_key = p.name_key AND r.rn = 1;

CREATE VIEW platform_status_current AS SELECT * FROM platform_status_at(current_date);

-- The inputs of the overlap candidates (analysis/overlap.sql, computed when read): the central
-- names (the first row of a name in a list), the provincial platforms, and the names each
-- provincial list's province goes by (its own, its successor's, and those of the provinces merged
-- into the same successor), folded like loaders.text.fold (tested equal for every province).
CREATE VIEW overlap_central AS
SELECT (row_number() OVER (ORDER BY p.list_id, p.row_no) - 1)::INTEGER AS id, p.list_id, p.name, p.name_key,
       p.name_fold, nullif(p.ministry_code, '') AS code
FROM platform_current p JOIN platform_list l USING (list_id)
WHERE l.kind IN ('national_deployed', 'shared')
QUALIFY row_number() OVER (PARTITION BY p.list_id, p.name_key ORDER BY p.row_no) = 1;

CREATE VIEW overlap_local AS
SELECT (row_number() OVER (ORDER BY p.list_id, p.row_no) - 1)::INTEGER AS lid, p.list_id, p.name, p.name_key,
       p.name_fold, nullif(p.ministry_code, '') AS code
FROM platform_current p JOIN platform_list l USING (list_id)
WHERE l.kind = 'provincial';

-- loaders.text.fold for place names (Vietnamese letters, spaces, hyphens): not for any text, whose
-- letters beyond Vietnamese fold keeps.
CREATE MACRO fold_place(s) AS trim(regexp_replace(strip_accents(replace(lower(s), 'đ', 'd')), '[^a-z0-9]+', ' ', 'g'));

CREATE VIEW overlap_place AS
SELECT DISTINCT l.list_id, fold_place(n.name) AS place
FROM platform_list l
JOIN province_merger m ON m.old_code = l.province_code
JOIN (SELECT old_code AS code, new_code, old_name_vi AS name FROM province_merger
      UNION ALL SELECT new_code, new_code, new_name_vi FROM province_merger) n ON n.new_code = m.new_code
WHERE l.kind = 'provincial';

-- Reviewers' decisions on a candidate, append-only: the latest decision on a pair counts.
CREATE TABLE overlap_decision (
    decision_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, name_key VARCHAR NOT NULL,
    central_list_id VARCHAR NOT NULL, central_key VARCHAR NOT NULL,
    decision VARCHAR NOT NULL CHECK (decision IN ('confirm', 'dismiss')),
    decided_by VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, note VARCHAR);

-- Which province (and commune) uses which platform of a central list: dated statuses from
-- adoption files (import_log.kind = 'adoption'). province_code is on the map of status_date;
-- current_province_code is its successor after the 2025 merger (the same code where unchanged).
CREATE TABLE adoption (
    import_id INTEGER NOT NULL, row_no INTEGER NOT NULL, list_id VARCHAR NOT NULL, province_code VARCHAR NOT NULL,
    current_province_code VARCHAR NOT NULL, province_as_written VARCHAR, commune VARCHAR,
    platform_key VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('in_use', 'piloting', 'planned', 'not_used')),
    status_date DATE NOT NULL, note VARCHAR);

-- The latest status of each platform in each province (and commune), with whether it is demo data.
CREATE VIEW adoption_current AS
WITH ranked AS (
    SELECT a.*, i.is_demo,
           row_number() OVER (PARTITION BY a.current_province_code, coalesce(a.commune, ''), a.list_id, a.platform_key
                              ORDER BY a.status_date DESC, a.import_id DESC, a.row_no DESC) AS rn
    FROM adoption a JOIN import_log i ON i.import_id = a.import_id
    WHERE i.status IN ('loaded', 'loaded_with_rejections'))
SELECT * EXCLUDE (rn) FROM ranked WHERE rn = 1;

-- The recognition workflow of dispatch 2291/BTTTT-KTS&XHS (actions/recognition.py). Append-only,
-- like platform_event: a change is a new row (a proposal's new revision, a newer criteria set, a
-- later assessment or outcome); the latest row counts and the earlier ones stay as history.
-- The sixteen bodies dispatch 2291/BTTTT-KTS&XHS is addressed to, the one place they are stored
-- (addressees_2291.csv; doc_id and source name entries of the document register; basis 'identified':
-- the body code identified from the name as written in the French edition).
CREATE TABLE addressee_2291 (ordinal INTEGER, body_code VARCHAR, as_written VARCHAR, doc_id VARCHAR, basis VARCHAR,
                             source VARCHAR);

CREATE TABLE recognition_proposal (
    proposal_id INTEGER NOT NULL, revision INTEGER NOT NULL, platform_name VARCHAR NOT NULL,
    platform_key VARCHAR NOT NULL, body_code VARCHAR NOT NULL,
    ownership VARCHAR NOT NULL CHECK (ownership IN ('enterprise', 'state')), owner_enterprise VARCHAR,
    purpose VARCHAR, list_id VARCHAR NOT NULL, document_no VARCHAR, document_url VARCHAR, doc_ids VARCHAR,
    proposed_on DATE NOT NULL, recorded_by VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, source VARCHAR,
    PRIMARY KEY (proposal_id, revision));

CREATE TABLE recognition_criteria_set (
    set_id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, document_no VARCHAR NOT NULL, issued_on DATE NOT NULL,
    document_url VARCHAR, recorded_by VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, source VARCHAR);

-- The criteria of a set under the six groups of Annex 1 of Decision 1230/QĐ-BTTTT (criteria_1230).
CREATE TABLE recognition_criterion (
    set_id INTEGER NOT NULL, criterion_no INTEGER NOT NULL, "group" INTEGER NOT NULL CHECK ("group" BETWEEN 1 AND 6),
    text VARCHAR NOT NULL, measure VARCHAR, popular_user BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (set_id, criterion_no));

CREATE TABLE recognition_plan (
    plan_id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, document_no VARCHAR NOT NULL, issued_on DATE NOT NULL,
    assessment_due DATE, note VARCHAR, recorded_by VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, source VARCHAR);

CREATE TABLE recognition_assessment (
    assessment_id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, set_id INTEGER NOT NULL,
    assessor_kind VARCHAR NOT NULL CHECK (assessor_kind IN ('council', 'expert_group', 'competent_unit')),
    assessor_name VARCHAR, assessed_on DATE NOT NULL, document_no VARCHAR, recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL, source VARCHAR);

CREATE TABLE recognition_assessment_item (
    assessment_id INTEGER NOT NULL, criterion_no INTEGER NOT NULL,
    result VARCHAR NOT NULL CHECK (result IN ('met', 'not_met', 'not_assessed')),
    evidence VARCHAR, evidence_url VARCHAR, market_share DOUBLE CHECK (market_share BETWEEN 0 AND 100),
    PRIMARY KEY (assessment_id, criterion_no));

-- recognised: import_id is the list version the platform joined.
CREATE TABLE recognition_outcome (
    outcome_id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL,
    outcome VARCHAR NOT NULL CHECK (outcome IN ('recognised', 'potential', 'not_recognised', 'withdrawn')),
    decision_no VARCHAR, decided_on DATE NOT NULL, note VARCHAR, import_id INTEGER,
    recorded_by VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL, source VARCHAR);

-- Corrections: anyone signed in flags a record as wrong; the owner body's editor or an admin
-- resolves the flag. Both append-only; a flag with no resolution is open.
CREATE TABLE correction_flag (
    flag_id INTEGER PRIMARY KEY,
    target_kind VARCHAR NOT NULL CHECK (target_kind IN ('platform', 'count', 'status', 'document', 'proposal')),
    target_ref VARCHAR NOT NULL, body_code VARCHAR, note VARCHAR NOT NULL, link VARCHAR,
    flagged_by VARCHAR NOT NULL, flagged_at TIMESTAMP NOT NULL);

CREATE TABLE correction_resolution (
    flag_id INTEGER PRIMARY KEY, resolution VARCHAR NOT NULL CHECK (resolution IN ('accepted', 'rejected')),
    reason VARCHAR NOT NULL, change_made VARCHAR, resolved_by VARCHAR NOT NULL, resolved_at TIMESTAMP NOT NULL);

-- What an accepted correction changed (actions/correction_apply.py), one row per field: the value
-- before and after, and the source the record had. A platform's change is a new list version
-- (import_id); a proposal's a new revision; a count, status or document row takes the new value and
-- its earlier value stays here. Append-only; reapplied after a rebuild from data/.
CREATE TABLE correction_change (
    flag_id INTEGER NOT NULL, target_kind VARCHAR NOT NULL, target_ref VARCHAR NOT NULL, field VARCHAR NOT NULL,
    old_value VARCHAR, new_value VARCHAR, old_source VARCHAR, import_id INTEGER,
    changed_by VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL, PRIMARY KEY (flag_id, field));

-- People who may sign in (local passwords: argon2id hashes; OIDC users have no hash) and their role.
CREATE TABLE app_user (
    email VARCHAR PRIMARY KEY, role VARCHAR NOT NULL
        CHECK (role IN ('viewer', 'ministry_editor', 'province_reviewer', 'assessor', 'admin')),
    body_code VARCHAR, province_code VARCHAR, password_hash VARCHAR, active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL, updated_at TIMESTAMP, last_sign_in TIMESTAMP);

-- Append-only: who, when, which action, on what, with what result.
CREATE TABLE audit_log (
    audit_id INTEGER PRIMARY KEY, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, role VARCHAR,
    action VARCHAR NOT NULL, target VARCHAR, result VARCHAR NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
    detail VARCHAR);
