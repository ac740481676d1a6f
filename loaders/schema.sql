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

CREATE TABLE platform_list (
    list_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, title_vi VARCHAR, title_en VARCHAR,
    issuer_code VARCHAR, document_no VARCHAR, issued_on DATE, as_of DATE, published_total INTEGER,
    scope VARCHAR, source VARCHAR);

CREATE TABLE import_log (
    import_id INTEGER PRIMARY KEY, list_id VARCHAR NOT NULL, file_name VARCHAR, sha256 VARCHAR,
    as_of DATE NOT NULL, imported_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL,
    rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, message VARCHAR,
    sheet VARCHAR, header_row_no INTEGER, actor VARCHAR,
    kind VARCHAR NOT NULL DEFAULT 'list',       -- 'list' or 'progress'
    is_demo BOOLEAN NOT NULL DEFAULT false);    -- a file marked as demo data

CREATE TABLE platform (
    import_id INTEGER NOT NULL, list_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, sheet VARCHAR,
    name VARCHAR NOT NULL, name_key VARCHAR NOT NULL, name_en VARCHAR, ministry_code VARCHAR, ministry_as_written VARCHAR,
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
