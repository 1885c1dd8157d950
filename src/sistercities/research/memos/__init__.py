"""memos."""
