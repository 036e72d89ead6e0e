"""What the export makes: documents with their front matter, and the errors that stop it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from django.utils.text import slugify

# What the export writes into a guide's docs folder (the build copies the assets beside it).
GENERATED = [
    "index.md",
    "about.md",
    "how-to-use.md",
    "chapters",
    "themes",
    "examples",
    "glossary.md",
    "links.md",
    "tags.md",
    "tags",
    "images",
]


# The framing pages: each guide's own words, from its GuidePage.
FRAMING = ["about.md", "how-to-use.md"]


# Examples listed per theme or tag page; keeps every page small however big the guide grows.
LISTING_SIZE = 50


class ExportError(Exception):
    """A problem that stops the export; the message names the page or file."""


class Refused(ExportError):
    def __init__(self, refusals):
        self.refusals = refusals
        lines = "\n".join(f"  - {r}" for r in refusals)
        super().__init__(
            f"The publication gate refused {len(refusals)} item(s):\n{lines}\n"
            "Fix them, or build with --skip-refused to leave them out."
        )


@dataclass
class Document:
    path: str
    text: str
    items: list = field(default_factory=list)  # what the gate checks for this document
    # The text each item wrote into the document (a learning entry's quote, a story's
    # words). The rest of the text is the first item's own: personal details found in it are
    # blamed on that item, and an item without a part is checked for its state only.
    parts: dict = field(default_factory=dict)  # item -> the lines it wrote

    def quote(self, item, lines: list[str]) -> list[str]:
        """Record ``item`` as a source of this document, and ``lines`` as its words."""
        if item not in self.parts:
            self.items.append(item)
        self.parts.setdefault(item, []).append("\n".join(lines))
        return lines

    def text_of(self, item, first: bool) -> str:
        """What the gate reads for ``item``: its own words, or for the first item (the page
        itself) everything no other item wrote."""
        if item in self.parts:
            return "\n".join(self.parts[item])
        if not first:
            return ""
        rest = self.text
        for part in (p for parts in self.parts.values() for p in parts):
            rest = rest.replace(part, "")
        return rest


@dataclass
class ExportResult:
    documents: list[Document]
    nav: list
    skipped: list  # refusals left out with --skip-refused
    images: dict  # docs-relative path -> source file path
    last_published: str
    print_order: list  # every page, in reading order, for the print view and PDF


def plain_label(text: str) -> str:
    """A title or tag as MkDocs carries it outside the Markdown (navigation, the tags index,
    the search index): plain words, never markup."""
    return re.sub(r"[<>]", "", str(text))


def admonition_title(text: str) -> str:
    """An admonition's title is written into the page as it stands: plain words only."""
    return plain_label(text).replace('"', "'")


def front_matter(data: dict) -> str:
    data = {
        key: [plain_label(v) for v in value] if isinstance(value, list) else plain_label(value)
        for key, value in data.items()
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=True, allow_unicode=True) + "---\n\n"


def escape_md(text: str) -> str:
    """Plain text inside generated Markdown: Markdown's own characters escaped (braces too,
    or attr_list would read "{: onclick=...}" as attributes), angle brackets as entities."""
    text = re.sub(r"([\\`*_\[\]#|{}])", r"\\\1", text or "")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def slug_of(value: str) -> str:
    return slugify(value) or "item"
