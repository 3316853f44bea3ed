"""Use cases shared by the GUI and the CLI: plain functions over the store, the importers and the scorer."""
