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
    registered_by VARCHAR, registered_at TIMESTAMP);   -- set for lists registered after the build

CREATE TABLE import_log (
    import_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, file_name VARCHAR, sha256 VARCHAR,
    as_of DATE NOT NULL, imported_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL,
    rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, message VARCHAR,
    sheet VARCHAR, header_row_no INTEGER, actor VARCHAR,
    kind VARCHAR NOT NULL DEFAULT 'list',       -- 'list' or 'progress'
    is_demo BOOLEAN NOT NULL DEFAULT false);    -- a file marked as demo data

CREATE TABLE platform (
    import_id INTEGER NOT NULL, list_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, sheet VARCHAR,
    name VARCHAR NOT NULL, name_key VARCHAR NOT NULL, name_fold VARCHAR, name_en VARCHAR, ministry_code VARCHAR, ministry_as_written VARCHAR,
    written_body_code VARCHAR, name_basis VARCHAR, name_in_source VARCHAR, status VARCHAR,
    sector VARCHAR, note VARCHAR, source VARCHAR);

CREATE TABLE rejected_row (
    import_id INTEGER NOT NULL, row_no INTEGER NOT NULL, reason VARCHAR NOT NULL,
    reason_code VARCHAR, detail JSON, sheet VARCHAR);

CREATE TABLE published_count (
    list_id VARCHAR, body_code VARCHAR, count INTEGER, basis VARCHAR, source VARCHAR);

CREATE TABLE published_figure (
    list_id VARCHAR, figure_key VARCHAR, figure VARCHAR, value INTEGER, as_of DATE, source VARCHAR);

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
                    source VARCHAR);

-- Progress is dated events, never a status overwritten in place. platform_key is the folded name.
CREATE TABLE platform_event (
    event_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL,
    platform_name VARCHAR NOT NULL, stage_id VARCHAR NOT NULL, event_date DATE NOT NULL,
    document_no VARCHAR, note VARCHAR, import_id INTEGER, source VARCHAR);

-- Target dates announced for a stage (for overdue flags).
CREATE TABLE stage_target (
    list_id VARCHAR NOT NULL, platform_key VARCHAR NOT NULL, platform_name VARCHAR NOT NULL,
    stage_id VARCHAR NOT NULL, target_date DATE NOT NULL, document_no VARCHAR, import_id INTEGER);

-- The rows of the latest successful list import of each list (latest as_of, then latest import).
CREATE VIEW platform_current AS
WITH ranked AS (
    SELECT import_id, row_number() OVER (PARTITION BY list_id ORDER BY as_of DESC, import_id DESC) AS rn
    FROM import_log WHERE status IN ('loaded', 'loaded_with_rejections') AND kind = 'list')
SELECT p.* FROM platform p JOIN ranked r ON p.import_id = r.import_id WHERE r.rn = 1;

-- Each platform's highest stage reached on date d, recomputed from the events.
CREATE MACRO platform_status_at(d) AS TABLE
WITH reached AS (
    SELECT e.list_id, e.platform_key, e.stage_id, s.ordinal, e.event_date,
           row_number() OVER (PARTITION BY e.list_id, e.platform_key
                              ORDER BY s.ordinal DESC, e.event_date DESC, e.event_id DESC) AS rn
    FROM platform_event e JOIN stage s ON s.stage_id = e.stage_id
    WHERE e.event_date <= CAST(d AS DATE))
SELECT p.list_id, p.name, p.ministry_code, r.stage_id, r.ordinal AS stage_ordinal, r.event_date AS stage_date
FROM platform_current p JOIN reached r ON r.list_id = p.list_id AND r.platform_key = p.name_key AND r.rn = 1;

CREATE VIEW platform_status_current AS SELECT * FROM platform_status_at(current_date);

-- Candidate central platforms for each provincial platform (analysis/overlap.py), recomputed
-- in the same transaction as every list import: up to 3 per platform scoring >= 50, rank 1 best.
CREATE TABLE overlap_candidate (
    list_id VARCHAR NOT NULL, name_key VARCHAR NOT NULL, name VARCHAR NOT NULL, central_list_id VARCHAR NOT NULL,
    central_key VARCHAR NOT NULL, central_name VARCHAR NOT NULL, central_ministry_code VARCHAR, score DOUBLE NOT NULL,
    machine_class VARCHAR NOT NULL, rank INTEGER NOT NULL, local_marker BOOLEAN);

-- Reviewers' decisions on a candidate, append-only: the latest decision on a pair counts.
CREATE TABLE overlap_decision (
    decision_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, name_key VARCHAR NOT NULL,
    central_list_id VARCHAR NOT NULL, central_key VARCHAR NOT NULL,
    decision VARCHAR NOT NULL CHECK (decision IN ('confirm', 'dismiss')),
    decided_by VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, note VARCHAR);

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

-- People who may sign in (local passwords: argon2id hashes; OIDC users have no hash) and their role.
CREATE TABLE app_user (
    email VARCHAR PRIMARY KEY, role VARCHAR NOT NULL
        CHECK (role IN ('viewer', 'ministry_editor', 'province_reviewer', 'admin')),
    body_code VARCHAR, province_code VARCHAR, password_hash VARCHAR, active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL, updated_at TIMESTAMP, last_sign_in TIMESTAMP);

-- Append-only: who, when, which action, on what, with what result.
CREATE TABLE audit_log (
    audit_id INTEGER PRIMARY KEY, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, role VARCHAR,
    action VARCHAR NOT NULL, target VARCHAR, result VARCHAR NOT NULL CHECK (result IN ('ok', 'refused', 'failed')),
    detail VARCHAR);
