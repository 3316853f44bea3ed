"""One reader per file format; each turns a file's bytes into a Draft (see shared.py)."""
