"""What a user can do, one function per action; the CLI and the web call these."""
