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


def _needles(names) -> list[str]:
    found = []
    for name in names:
        if not name:
            continue
        # JSON stores non-ASCII letters escaped (\u00eb) on some databases.
        for needle in (name, json.dumps(name)[1:-1], json.dumps(name, ensure_ascii=False)[1:-1]):
            if needle not in found:
                found.append(needle)
    return found


def _replace(text: str, needles) -> str:
    for needle in needles:
        text = re.sub(re.escape(needle), REPLACEMENT, text, flags=re.IGNORECASE)
    return text


def scrub_names(names) -> int:
    """Replace every mention of ``names`` in every text field. Returns rows changed. Rows
    are updated in place (no signals, no new revisions that would copy the old text)."""
    from wagtail.search import index

    needles = _needles(names)
    if not needles:
        return 0
    changed = 0
    for model, plain, structured in scrubbed_models():
        casts = {f"_cg_{name}": Cast(name, models.TextField()) for name in structured}
        mentions = Q()
        for needle in needles:
            for name in plain:
                mentions |= Q(**{f"{name}__icontains": needle})
            for alias in casts:
                mentions |= Q(**{f"{alias}__icontains": needle})
        rows = model._default_manager.annotate(**casts).filter(mentions)
        for row in rows.values("pk", *plain, *casts):
            updates = {}
            for name in plain:
                if row[name] and (new := _replace(row[name], needles)) != row[name]:
                    updates[name] = new
            for name in structured:
                old = row[f"_cg_{name}"]
                if old and (new := _replace(old, needles)) != old:
                    updates[name] = json.loads(new)
            if updates:
                model._default_manager.filter(pk=row["pk"]).update(**updates)
                changed += 1
                if index.class_is_indexed(model):
                    instance = model._default_manager.get(pk=row["pk"])
                    index.insert_or_update_object(getattr(instance, "specific", instance))
    return changed
