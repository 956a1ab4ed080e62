// Tests for the Response layer live in this folder.
