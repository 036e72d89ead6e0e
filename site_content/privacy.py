"""What the platform records about people, declared by the apps that record it.

Each app registers a ``Record`` for each way people give it information (in its
AppConfig.ready), as it registers retention rules and people's rights. The privacy notice,
its Easy Read version and the data-protection pack are all read from here, when they are
shown, so they change when an app's forms, access rules or retention settings change; and
site_content imports no domain app to describe them."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings

Readers = Callable[[], Iterable[str]] | tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One part of a record: what it is, the form fields that collect it (``*`` patterns
    allowed, for fields made per question), and who may read it."""

    what: str
    fields: tuple[str, ...] = ()
    readers: Readers = ()
    special: bool = False  # special category data: health, care or support needs

    def who_reads(self) -> list[str]:
        found = self.readers() if callable(self.readers) else self.readers
        return list(dict.fromkeys(found))  # as declared, once each

    def covers(self, name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.fields)


@dataclass(frozen=True)
class Record:
    """A way people give the platform information about themselves."""

    key: str
    order: int
    title: str  # "When you tell a story"
    who_gives: str
    why: str
    parts: tuple[Part, ...]
    kept: Callable[[], list[str]]  # sentences, read from the settings when shown
    published: str
    rights: tuple[str, ...]
    # Dotted paths of the forms that collect it; every field of each is in a part above,
    # or in not_kept (a field that records nothing, such as a trap for automated spam).
    forms: tuple[str, ...] = ()
    not_kept: tuple[str, ...] = ()
    # For the data-protection pack: the steps the information goes through, and the risks.
    flow: tuple[str, ...] = ()
    risks: tuple[tuple[str, str], ...] = ()
    # Short sentences for the Easy Read notice (or a function giving them, for figures that
    # come from the settings).
    easy_read: Callable[[], Iterable[str]] | tuple[str, ...] = ()
    picture: str = "✎"  # a symbol beside it in the Easy Read notice
    easy_title: str = ""  # its heading in the Easy Read notice, if shorter than the title

    def easy_read_lines(self) -> list[str]:
        return list(self.easy_read() if callable(self.easy_read) else self.easy_read)

    def part_for(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.covers(name)), None)

    @property
    def special(self) -> list[Part]:
        return [p for p in self.parts if p.special]


_RECORDS: dict[str, Record] = {}


def register_record(record: Record) -> None:
    _RECORDS[record.key] = record


def records() -> list[Record]:
    return sorted(_RECORDS.values(), key=lambda r: (r.order, r.key))


def days(key: str) -> str:
    """A retention period from the settings, in words: "28 days"."""
    n = settings.RETENTION_DAYS[key]
    return f"{n:,} day{'s' if n != 1 else ''}"
