-- Version 3: moving work between machines (bundles, class folders, article packs with answer keys).

-- Bundle files already imported, by the SHA-256 of the file, so collecting a class folder again
-- skips what it has seen instead of re-reading thirty students' bundles every time.
CREATE TABLE imported_bundles (
    sha256      TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- One answer key per article and author. The primary key cannot enforce this for the bundled keys,
-- whose author is NULL (SQLite treats NULLs as distinct), so index the author with NULL spelled ''.
CREATE UNIQUE INDEX answer_keys_one_per_author ON answer_keys (article_uuid, IFNULL(author_uuid, ''));
