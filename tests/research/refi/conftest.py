"""Helpers for REFI-QDA tests: the real samples, and small files tests write."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SHARED

REFI = SHARED / "refi-qda"
SAMPLES = REFI / "samples"
NVIVO12 = SAMPLES / "nvivo12-windows_oltas_teszt.qdpx"
NVIVO15 = SAMPLES / "nvivo15-mac_codebook_project.qdpx"
TAGUETTE = SAMPLES / "taguette_codebook.qdc"

G = "{:08x}-0000-4000-8000-000000000000".format


def guid(n: int) -> str:
    """A valid GUID numbered ``n``, for small hand-written files."""
    return G(n)


def project_xml(body: str, origin: str = "QualCoder 3.5", name: str = "t") -> bytes:
    """A ``project.qde`` document around ``body``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="{name}" origin="{origin}">'
        f"{body}</Project>"
    ).encode()


def codebook(*codes: tuple[int, str]) -> str:
    """A CodeBook element with flat codes ``(number, name)``."""
    inner = "".join(f'<Code guid="{guid(n)}" name="{name}" isCodable="true"/>' for n, name in codes)
    return f"<CodeBook><Codes>{inner}</Codes></CodeBook>"


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip file holding ``entries`` (name -> bytes)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def xml_count(path: Path, tag: str) -> int:
    """How many ``tag`` elements the project entry of a ``.qdpx`` holds (counted apart)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"), etree.XMLParser(huge_tree=True))
    return len(root.findall(f".//{{urn:QDA-XML:project:1.0}}{tag}"))


@pytest.fixture(scope="session")
def samples() -> Path:
    if not NVIVO12.exists():
        pytest.skip("../shared/refi-qda/samples is not beside the project")
    return SAMPLES


@pytest.fixture(scope="session")
def nvivo12(samples: Path):  # type: ignore[no-untyped-def]
    """The NVivo 12 sample, read once (tests must not change it)."""
    from sistercities.research.refi import read_qdpx

    return read_qdpx(NVIVO12)
