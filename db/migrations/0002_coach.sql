-- Version 2: what coaches need — review state, feedback seen by the student, passphrase throttling,
-- a rubric the coach can edit, and indexes for a dashboard over a whole class.

ALTER TABLE sessions ADD COLUMN reviewed_at TEXT;
ALTER TABLE sessions ADD COLUMN grade TEXT;

ALTER TABLE feedback ADD COLUMN seen_at TEXT;          -- NULL until the student has seen it
ALTER TABLE feedback ADD COLUMN updated_at TEXT;

ALTER TABLE profiles ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE profiles ADD COLUMN locked_until TEXT;      -- repeated wrong passphrases slow down

CREATE TABLE rubric_criteria (
    uuid        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO rubric_criteria (uuid, name, description, position) VALUES
    ('8f0c2a52-6d1e-4c51-9a3e-1f6a7e0c0001', 'Clash', 'Answers the opponent''s claims directly', 0),
    ('8f0c2a52-6d1e-4c51-9a3e-1f6a7e0c0002', 'Evidence', 'Backs answers with numbers, sources, examples', 1),
    ('8f0c2a52-6d1e-4c51-9a3e-1f6a7e0c0003', 'Organisation', 'Signposts and answers in a clear order', 2),
    ('8f0c2a52-6d1e-4c51-9a3e-1f6a7e0c0004', 'Time use', 'Covers the important claims within the time', 3);

CREATE INDEX sessions_status ON sessions (status, started_at);
CREATE INDEX sessions_reviewed ON sessions (reviewed_at);
CREATE INDEX scores_overall ON scores (overall);
CREATE INDEX feedback_unseen ON feedback (session_uuid, seen_at);
