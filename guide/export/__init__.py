"""Turn the guide's published content into Markdown files for MkDocs.

Every document passes the publication gate (guide.gate) before it is written. The output is
deterministic: the same content gives byte-identical files.
"""

from guide.export.documents import FRAMING, GENERATED, Document, ExportError, ExportResult, Refused
from guide.export.exporter import Exporter, export, write_docs

__all__ = [
    "FRAMING",
    "GENERATED",
    "Document",
    "ExportError",
    "ExportResult",
    "Exporter",
    "Refused",
    "export",
    "write_docs",
]
