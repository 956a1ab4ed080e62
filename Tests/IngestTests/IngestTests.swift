// Tests for the Ingest layer live in this folder.
