"""Operations: one function per user action; the CLI and the web call these and nothing else."""
