-- Rebuttal Lab schema, version 1. UUID keys let sessions and articles move between machines.
-- Timestamps are ISO 8601 UTC text, which sorts correctly as text.

CREATE TABLE profiles (
    uuid            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'coach')),
    passphrase_hash TEXT,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX profiles_name_role ON profiles (name COLLATE NOCASE, role);

CREATE TABLE articles (
    uuid        TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    motion      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    words       INTEGER NOT NULL DEFAULT 0,
    body_sha256 TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    pack_uuid   TEXT
);

CREATE TABLE sessions (
    uuid          TEXT PRIMARY KEY,
    article_uuid  TEXT NOT NULL REFERENCES articles (uuid) ON DELETE CASCADE,
    profile_uuid  TEXT NOT NULL REFERENCES profiles (uuid) ON DELETE CASCADE,
    mode          TEXT NOT NULL CHECK (mode IN ('practice', 'drill', 'spotting')),
    writing       TEXT NOT NULL DEFAULT 'flow' CHECK (writing IN ('flow', 'speech')),
    time_limit_s  INTEGER,
    prep_limit_s  INTEGER,
    time_used_s   REAL NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    submitted_at  TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted')),
    redo_of       TEXT REFERENCES sessions (uuid) ON DELETE SET NULL
);
CREATE INDEX sessions_profile ON sessions (profile_uuid, started_at);
CREATE INDEX sessions_article ON sessions (article_uuid);
CREATE INDEX sessions_started ON sessions (started_at);

CREATE TABLE claims (
    uuid         TEXT PRIMARY KEY,
    session_uuid TEXT NOT NULL REFERENCES sessions (uuid) ON DELETE CASCADE,
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    quote        TEXT NOT NULL,
    prefix       TEXT NOT NULL DEFAULT '',
    suffix       TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'main',
    note         TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_session ON claims (session_uuid, position);

CREATE TABLE rebuttals (
    uuid         TEXT PRIMARY KEY,
    session_uuid TEXT NOT NULL REFERENCES sessions (uuid) ON DELETE CASCADE,
    claim_uuid   TEXT REFERENCES claims (uuid) ON DELETE CASCADE,  -- NULL: the whole speech
    text         TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE INDEX rebuttals_session ON rebuttals (session_uuid);
-- One speech and at most one answer per claim in a session.
CREATE UNIQUE INDEX rebuttals_one_per_target ON rebuttals (session_uuid, IFNULL(claim_uuid, ''));

CREATE TABLE scores (
    session_uuid   TEXT PRIMARY KEY REFERENCES sessions (uuid) ON DELETE CASCADE,
    computed_at    TEXT NOT NULL,
    scorer_version TEXT NOT NULL,
    overall        REAL NOT NULL,
    breadth        REAL NOT NULL DEFAULT 0,
    depth          REAL NOT NULL DEFAULT 0,
    evidence       REAL NOT NULL DEFAULT 0,
    details_json   TEXT NOT NULL
);

CREATE TABLE feedback (
    uuid         TEXT PRIMARY KEY,
    session_uuid TEXT NOT NULL REFERENCES sessions (uuid) ON DELETE CASCADE,
    target_uuid  TEXT,
    author_uuid  TEXT REFERENCES profiles (uuid) ON DELETE SET NULL,
    text         TEXT NOT NULL DEFAULT '',
    rubric_json  TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX feedback_session ON feedback (session_uuid);

CREATE TABLE answer_keys (
    article_uuid TEXT NOT NULL REFERENCES articles (uuid) ON DELETE CASCADE,
    author_uuid  TEXT REFERENCES profiles (uuid) ON DELETE SET NULL,
    claims_json  TEXT NOT NULL,
    PRIMARY KEY (article_uuid, author_uuid)
);

-- Small facts about this database, e.g. whether the practice articles were loaded once.
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
