// Tests for the Dashboard layer live in this folder.
