// Tests for the Events layer live in this folder.
