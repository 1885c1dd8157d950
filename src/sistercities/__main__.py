"""``python -m sistercities``: the same as the ``sistercities`` command."""

from sistercities.cli import main

main()
