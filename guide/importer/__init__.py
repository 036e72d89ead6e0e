"""Import a compendium of practice examples (see shared/formats/practice-examples.md): read
and check all of it first (``read_folder``), then write it in one transaction (``apply``)."""

from guide.importer.applying import Report, apply
from guide.importer.reading import ImportFailed, Plan, Problem, Reader, read_folder

__all__ = ["Problem", "Plan", "ImportFailed", "Reader", "read_folder", "Report", "apply"]
