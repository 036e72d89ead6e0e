"""When a person is erased, free text that names them is scrubbed from every text field of
every model: found by walking the installed models, so a model added later is covered without
being listed (the registry is Django's own). Wagtail's revisions, log entries and search index
are models too; search entries of anything changed are rebuilt from the scrubbed text.

Only what must keep its exact value is passed over (``PASSED_OVER``): the account row itself
(erase_person anonymises it), sessions (opaque, and ended by the erasure), authenticator
secrets and Django's own tables of names."""

from __future__ import annotations

import json
import re

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


# What may stand between the parts of a name as people and editors write it: spaces (also
# non-breaking, also as entities or JSON escapes), a comma ("Tamworth, Rose"), line breaks,
# and markup ("<b>Rose</b> Tamworth").
_BETWEEN = (
    r"(?:[\s\u00a0,.\u200b-\u200d\u2060\ufeff]|&nbsp;|&#160;|\\u00a0|\\u200b|\\n"
    r"|<[^<>]{0,80}>)+"
)


def identifying(names) -> list[str]:
    """Of ``names``, those that identify the person: an email address, or a name of two or
    more words. A lone first name ("Sam") is not scrubbed from other people's text: it would
    take every other Sam with it."""
    return [n.strip() for n in names if n and n.strip() and ("@" in n or len(n.split()) >= 2)]


def _variants(name: str) -> list[str]:
    """Regular expressions for every way ``name`` may be written, each only as a whole (not
    inside a longer word or address): as it is, JSON-escaped, and, for a name of several
    words, with anything of _BETWEEN between its words, surname first, or the first initial
    and the surname ("R. Tamworth"; the capitals as written, so "in a park" is not "Anna
    Park")."""
    name = name.strip()
    email = "@" in name
    forms = {name, json.dumps(name)[1:-1]}
    found = [re.escape(form) for form in forms]
    raw = [w for w in re.split(r"\s+", name) if w]
    words = [re.escape(w) for w in raw]
    if len(words) >= 2 and not email:
        found.append(_BETWEEN.join(words))
        found.append(_BETWEEN.join([words[-1], *words[:-1]]))
        surname = raw[-1]
        found.append(
            rf"(?-i:{re.escape(raw[0][0].upper())}){_BETWEEN}"
            rf"(?-i:{re.escape(surname[0].upper())}){re.escape(surname[1:])}"
        )
    # An address inside a longer one ("1@example.net" in "victim1@example.net") is another.
    before, after = (r"(?<![\w.+-])", r"(?![\w-])") if email else (r"(?<!\w)", r"(?!\w)")
    return [f"{before}(?:{form}){after}" for form in found]


def name_pattern(names) -> re.Pattern | None:
    """One expression for every way of writing the identifying ``names``; None if none."""
    names = identifying(names)
    if not names:
        return None
    return re.compile("|".join(v for n in names for v in _variants(n)), re.IGNORECASE)


def replace_names(text: str, names, replacement: str = REPLACEMENT) -> str:
    """``text`` with every whole mention of the identifying ``names`` replaced."""
    pattern = name_pattern(names)
    return pattern.sub(replacement, text) if pattern and text else text


def _search_terms(names) -> list[str]:
    """What a row must contain to be looked at: the email, or a person's surname."""
    terms = []
    for name in identifying(names):
        term = name if "@" in name else name.split()[-1]
        if term not in terms:
            terms.append(term)
    return terms


def scrub_names(names) -> int:
    """Replace every mention of ``names`` in every text field. Returns rows changed. Rows
    are updated in place (no signals, no new revisions that would copy the old text)."""
    from wagtail.search import index

    terms = _search_terms(names)
    pattern = name_pattern(names)
    if not terms or pattern is None:
        return 0
    changed = 0
    for model, plain, structured in scrubbed_models():
        casts = {f"_cg_{name}": Cast(name, models.TextField()) for name in structured}
        mentions = Q()
        for term in terms:
            for name in plain:
                mentions |= Q(**{f"{name}__icontains": term})
            for alias in casts:
                mentions |= Q(**{f"{alias}__icontains": term})
        rows = model._default_manager.annotate(**casts).filter(mentions)
        for row in rows.values("pk", *plain, *casts):
            updates = {}
            for name in plain:
                if row[name] and (new := pattern.sub(REPLACEMENT, row[name])) != row[name]:
                    updates[name] = new
            for name in structured:
                old = row[f"_cg_{name}"]
                if old and (new := pattern.sub(REPLACEMENT, old)) != old:
                    updates[name] = json.loads(new)
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
