// Tests for the Activity layer live in this folder.
