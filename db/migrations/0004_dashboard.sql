-- Version 4: indexes for the coach's dashboard over a whole class (measured with benchmarks/dashboard.py
-- and EXPLAIN QUERY PLAN on 100,000 sessions). The dashboard orders every sort by its column, then
-- started_at, then rowid; each index below ends in started_at (and, implicitly, rowid), so "sort by X" and
-- "filter by X, newest first" read one index in order and stop after a page instead of sorting the class.

CREATE INDEX sessions_mode ON sessions (mode, started_at);
CREATE INDEX sessions_time_used ON sessions (time_used_s, started_at);

DROP INDEX sessions_reviewed;
CREATE INDEX sessions_reviewed ON sessions (reviewed_at, started_at);

DROP INDEX sessions_article;
CREATE INDEX sessions_article ON sessions (article_uuid, started_at);

CREATE INDEX articles_title ON articles (title COLLATE NOCASE);

-- scores_overall (0002) serves the overall sort; these serve the other two score columns.
CREATE INDEX scores_breadth ON scores (breadth);
CREATE INDEX scores_evidence ON scores (evidence);
