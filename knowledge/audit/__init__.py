"""The audit log, written by every feature through `record`."""
