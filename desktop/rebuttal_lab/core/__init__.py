"""Plain data and pure rules: no Qt, no SQLite."""
