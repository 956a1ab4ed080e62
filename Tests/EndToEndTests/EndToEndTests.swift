// Tests for the EndToEnd layer live in this folder.
