"""Screen-pop: the caller's card on ring, unknown callers, the caller log, duplicates."""
