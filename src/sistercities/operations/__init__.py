"""What a user can do: one function per action, called by the CLI and the web alike.

Each function takes a :class:`~sistercities.registry.store.Registry` first,
then keyword arguments of plain types, and returns plain data.
"""
