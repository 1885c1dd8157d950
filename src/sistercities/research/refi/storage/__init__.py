"""REFI-QDA projects to and from the workbench's storage.

:mod:`.to_store` stores a read project (or codebook) in the workbench
tables; :mod:`.from_store` builds the plain model of a stored project for
the writer. :mod:`.models` keeps what the workbench tables do not: the
GUID each imported object had in its file, and the REFI-QDA details
(selection names, dates, users) an export must write back the same.
"""
