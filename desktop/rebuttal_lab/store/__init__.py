"""SQLite storage through sqlite-utils. No Qt here."""

from .database import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseTooNew,
    open_database,
)

__all__ = ["DatabaseCorrupt", "DatabaseError", "DatabaseTooNew", "open_database"]
