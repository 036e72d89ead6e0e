"""When a person is erased, free text that names them is scrubbed from every text field of
every model: found by walking the installed models, so a model added later is covered without
being listed (the registry is Django's own). Wagtail's revisions, log entries and search index
are models too; search entries of anything changed are rebuilt from the scrubbed text.

Only what must keep its exact value is passed over (``PASSED_OVER``): the account row itself
(erase_person anonymises it), sessions (opaque, and ended by the erasure), authenticator
secrets and Django's own tables of names."""

from __future__ import annotations

import functools
import json
import re
import unicodedata

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

REPLACEMENT = "[name removed]"
TEXT_TYPES = {"CharField", "TextField"}
JSON_TYPES = {"JSONField"}
PASSED_OVER = {
    "accounts.user",
    "sessions.session",
    "mfa.authenticator",
    "account.emailaddress",
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
}


def text_fields(model) -> tuple[list[str], list[str]]:
    """The model's free-text fields and JSON fields (StreamFields store JSON)."""
    plain, structured = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.choices or field.name == "password":
            continue
        kind = field.get_internal_type()
        if kind in TEXT_TYPES:
            plain.append(field.name)
        elif kind in JSON_TYPES:
            structured.append(field.name)
    return plain, structured


def scrubbed_models():
    for model in apps.get_models():
        if model._meta.label_lower in PASSED_OVER or model._meta.proxy:
            continue
        plain, structured = text_fields(model)
        if plain or structured:
            yield model, plain, structured


# What may stand between the words of a name as people and editors write it: spaces (also
# non-breaking or zero-width, also as entities or JSON escapes), line breaks, and markup
# ("<b>Rose</b> Tamworth"). Not a full stop: "the park. Anna" is two sentences.
_GAP = (
    r"(?:[\s\u00a0\u2002\u2009\u200b-\u200d\u2060\ufeff]"
    r"|&(?:nbsp|ensp|thinsp|NonBreakingSpace|#160|#xa0|#x00a0);|\\u00a0|\\u200b|\\n"
    # Markup inside a line only ("<b>Rose</b> Tamworth"): a name does not run on from one
    # paragraph or list item into the next.
    r"|</?(?:a|abbr|b|em|i|mark|small|span|strong|u)\b[^<>]{0,80}>)+"
)
# An apostrophe as typed, as a word processor curls it, or as an HTML entity (O'Neill).
_APOSTROPHES = "'\u2019\u2018\u02bc`"
_APOSTROPHE = rf"(?:[{_APOSTROPHES}]|&#x27;|&#39;|&apos;|&rsquo;)"
# A name stands whole: not inside a longer word or a double-barrelled name ("Smith-Jones").
_NAME_BEFORE, _NAME_AFTER = r"(?<![\w-])", r"(?![\w-])"
# An address stands whole: not the end of a longer one ("victim1@..." is not "1@..."), nor
# the start of one ("sam@example.net.au" is not "sam@example.net").
_EMAIL_BEFORE, _EMAIL_AFTER = r"(?<![\w.+-])", r"(?![\w-]|\.[\w-])"


def identifying(names) -> list[str]:
    """Of ``names``, those that identify the person: an email address, or a name of two or
    more words. A lone first name ("Sam") is not scrubbed from other people's text: it would
    take every other Sam with it."""
    return [n.strip() for n in names if n and n.strip() and ("@" in n or len(n.split()) >= 2)]


def _word(word: str, *, capital: bool = False) -> str:
    """One word of a name as a regular expression: any apostrophe stands for every way of
    writing one; with ``capital``, its first letter must be written as a capital."""
    parts = [_APOSTROPHE if ch in _APOSTROPHES else _letter(ch) for ch in word]
    if capital and word[0].isalpha():
        parts[0] = f"(?-i:{_letter(word[0].upper())})"
    return "".join(parts)


# Letters also written as two: "Weiß" in capitals is "WEISS".
_ALSO_WRITTEN = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}


def _letter(ch: str) -> str:
    """A letter as composed (é), as a letter and its accent (e and a combining acute), or
    without its accent, as capitals are often written ("ZOE", Greek "ΖΩΗ" for "Ζωή")."""
    composed, decomposed = (unicodedata.normalize(form, ch) for form in ("NFC", "NFD"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    forms = dict.fromkeys([composed, decomposed, bare, _ALSO_WRITTEN.get(composed, composed)])
    if len(forms) == 1:
        return re.escape(ch)
    return "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def _variants(name: str) -> list[str]:
    """Regular expressions for the ways ``name`` is written, each only as a whole:
    - an email address as it is, in any case;
    - a name's words in order, in any case, with anything of _GAP between them;
    - surname first with a comma ("Tamworth, Rose"; a surname may be several words), and the
      first initial with a full stop and the surname ("R. Tamworth"), both with their
      capitals as written, so "the park, anna" and "A park" are other words;
    - any letter with or without its accent, and "ß" as "ss" (see _letter);
    - as it is, JSON-escaped (text that holds JSON)."""
    name = unicodedata.normalize("NFC", name.strip())
    if "@" in name:
        # Also with the @ written as HTML or in an address ("sam&#64;...", "sam%40...").
        local, _, domain = name.rpartition("@")
        at = r"(?:@|&#64;|&#x40;|%40)"
        return [f"{_EMAIL_BEFORE}{re.escape(local)}{at}{re.escape(domain)}{_EMAIL_AFTER}"]
    raw = [w for w in re.split(r"\s+", name) if w]
    found = [_GAP.join(_word(w) for w in raw)]
    # Surname first: the surname may be more than one word ("García López, Ana María").
    for split in range(1, len(raw)):
        surname, given = raw[split:], raw[:split]
        found.append(
            _GAP.join(_word(w, capital=True) for w in surname)
            + ","
            + _GAP
            + _GAP.join(_word(w, capital=True) for w in given)
        )
    found.append(_word(raw[0][0], capital=True) + r"\." + f"{_GAP}?" + _word(raw[-1], capital=True))
    escaped = json.dumps(name)[1:-1]
    if escaped != name:
        found.append(re.escape(escaped))
    return [f"{_NAME_BEFORE}(?:{form}){_NAME_AFTER}" for form in found]


def name_pattern(names) -> re.Pattern | None:
    """One expression for every way of writing the identifying ``names``; None if none.
    Made once for the same names, however many rows an erasure reads."""
    return _compiled(tuple(identifying(names)))


@functools.lru_cache(maxsize=16)
def _compiled(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    return re.compile("|".join(v for n in names for v in _variants(n)), re.IGNORECASE)


def replace_names(text: str, names, replacement: str = REPLACEMENT) -> str:
    """``text`` with every whole mention of the identifying ``names`` replaced."""
    pattern = name_pattern(names)
    return pattern.sub(replacement, text) if pattern and text else text


def _replace_in(value, pattern: re.Pattern, replacement: str = REPLACEMENT):
    """``value`` (decoded JSON: text, lists, objects) with every mention replaced in its
    text. Text that is itself JSON (Wagtail keeps a StreamField as JSON text inside a
    revision) is read and written back, so its escaped letters (\u00f1) are read as letters."""
    if isinstance(value, dict):
        return {k: _replace_in(v, pattern, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_in(v, pattern, replacement) for v in value]
    if not isinstance(value, str):
        return value
    if value[:1] in "[{":
        try:
            inner = json.loads(value)
        except ValueError:
            inner = None
        if isinstance(inner, list | dict):
            new = _replace_in(inner, pattern, replacement)
            return value if new == inner else json.dumps(new)
    return pattern.sub(replacement, value)


def replace_in(value, names, replacement: str = REPLACEMENT):
    """``value`` (decoded JSON) with every whole mention of ``names`` in its text replaced."""
    pattern = name_pattern(names)
    return _replace_in(value, pattern, replacement) if pattern else value


def _search_terms(names) -> list[str] | None:
    """What a row must contain to be looked at: the longest run of plain letters and digits
    (A to Z, 0 to 9) of an email's name part or of a surname, which both databases match in
    any case and which SQLite's JSON keeps as it is (it writes other letters as escapes,
    "N\u00fa\u00f1ez"). None: nothing plain to look for, so every row is looked at."""
    terms = []
    for name in identifying(names):
        part = name.rpartition("@")[0] if "@" in name else name.split()[-1]
        runs = re.findall(r"[A-Za-z0-9]+", part)
        if not runs:
            return None
        term = max(runs, key=len)
        if term not in terms:
            terms.append(term)
    return terms


def scrub_names(names) -> int:
    """Replace every mention of ``names`` in every text field. Returns rows changed. Rows
    are updated in place (no signals, no new revisions that would copy the old text)."""
    from wagtail.search import index

    pattern = name_pattern(names)
    if pattern is None:
        return 0
    terms = _search_terms(names)
    changed = 0
    for model, plain, structured in scrubbed_models():
        casts = {f"_cg_{name}": Cast(name, models.TextField()) for name in structured}
        rows = model._default_manager.annotate(**casts)
        if terms is not None:
            mentions = Q()
            for term in terms:
                for field in [*plain, *casts]:
                    mentions |= Q(**{f"{field}__icontains": term})
            rows = rows.filter(mentions)
        for row in rows.values("pk", *plain, *casts):
            updates = {}
            for name in plain:
                if row[name] and (new := pattern.sub(REPLACEMENT, row[name])) != row[name]:
                    updates[name] = new
            for name in structured:
                old = row[f"_cg_{name}"]
                if not old:
                    continue
                value = json.loads(old)
                if (new := _replace_in(value, pattern)) != value:
                    updates[name] = new
            if updates:
                model._default_manager.filter(pk=row["pk"]).update(**updates)
                changed += 1
                if index.class_is_indexed(model):
                    instance = model._default_manager.get(pk=row["pk"])
                    index.insert_or_update_object(getattr(instance, "specific", instance))
    if changed:
        _compact_search_index()
    return changed


def _compact_search_index() -> None:
    """SQLite's full-text index keeps the words of replaced entries in its segments until
    they are merged: merge them now, so the old words are gone from the file too.
    (PostgreSQL keeps each entry's words in its own row, rebuilt above.)"""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    table = "wagtailsearch_indexentry_fts"
    if table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")  # noqa: S608
