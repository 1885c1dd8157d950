"""REFI-QDA exchange: ``.qdpx`` projects and ``.qdc`` codebooks, in and out.

The format, independent of storage: :mod:`.model` holds a project as plain
data; :func:`read_qdpx` and :func:`read_qdc` read real exports, tolerating
the deviations of NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette;
:func:`write_qdpx` and :func:`write_qdc` write files that validate against
the schemas.
"""

from sistercities.research.refi.reader import read_qdc, read_qdpx

__all__ = ["read_qdc", "read_qdpx"]
