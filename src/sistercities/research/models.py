"""Every research-workbench table, imported in one place so they register on ``Base``.

Each of these modules is also named under ``sistercities.tables`` in
``pyproject.toml`` (how the registry finds them); see ``research/README.md``
for the data model.
"""

from __future__ import annotations

from sistercities.research.autocode.models import AutocodeRunRecord, SuggestionRecord
from sistercities.research.cases.models import Attribute, AttributeValue, Case, CaseDocument
from sistercities.research.codebook.models import Code, CodeSet, CodeSetMember
from sistercities.research.coding.models import Coding
from sistercities.research.corpus.models import Document, DocumentLink, DocumentVersion
from sistercities.research.memos.models import Memo
from sistercities.research.projects import ResearchMember, ResearchProject
from sistercities.research.refi.storage.models import RefiObject

__all__ = [
    "Attribute",
    "AttributeValue",
    "AutocodeRunRecord",
    "Case",
    "CaseDocument",
    "Code",
    "CodeSet",
    "CodeSetMember",
    "Coding",
    "Document",
    "DocumentLink",
    "DocumentVersion",
    "Memo",
    "RefiObject",
    "ResearchMember",
    "ResearchProject",
    "SuggestionRecord",
]
