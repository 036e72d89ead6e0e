"""Pictures kept before uploads lost their hidden details: found in every stored file field,
and kept again with their pixels only (``manage.py clean_pictures``). Uploads made since are
cleaned as they arrive (``site_content.uploads.check``)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from PIL import Image
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.utils.file import hash_filelike

from . import pictures, uploads


@dataclass
class Cleaning:
    counts: Counter = field(default_factory=Counter)
    # Files that are stored as pictures but could not be opened as one, and missing files.
    unreadable: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # A file cleaned, by (its storage, its old name): its new name and what it now is, so
    # that every row naming the old file is moved to the new one.
    moved: dict = field(default_factory=dict)
    # Old files, deleted once every row has moved off them.
    spent: list = field(default_factory=list)


def stored_picture_fields():
    """Every model's file field that may hold a picture. Renditions are left out: they are
    made again from their cleaned original."""
    for model in apps.get_models():
        if issubclass(model, AbstractRendition):
            continue
        for found in model._meta.get_fields():
            if isinstance(found, models.FileField):
                yield model, found.name


def _is_picture(name: str) -> bool:
    return uploads.extension_of(name) in pictures.CLEANED_ON_UPLOAD


def _describe(model, pk, name) -> str:
    return f"{model._meta.label} {pk}: {name}"


def clean_stored_pictures(*, dry_run: bool = False, report=None) -> Cleaning:
    """Keep every stored picture that still carries hidden details again without them. Safe
    to run more than once: a picture already clean is left as it is (never re-encoded)."""
    cleaning = Cleaning()
    for model, name in stored_picture_fields():
        # Read before any is cleaned: the rows change as the loop goes.
        rows = list(model._default_manager.exclude(**{name: ""}).values_list("pk", name))
        for pk, stored in rows:
            if not stored or not _is_picture(stored):
                continue
            cleaning.counts["checked"] += 1
            outcome = _clean_one(model, pk, name, stored, cleaning, dry_run=dry_run)
            cleaning.counts[outcome] += 1
            if outcome == "unreadable":
                cleaning.unreadable.append(_describe(model, pk, stored))
            elif outcome == "missing":
                cleaning.missing.append(_describe(model, pk, stored))
            if report is not None:
                report(cleaning.counts["checked"], outcome, _describe(model, pk, stored))
    for storage, old in cleaning.spent:
        storage.delete(old)
    return cleaning


def _clean_one(model, pk, name, stored, cleaning: Cleaning, *, dry_run) -> str:
    storage = model._meta.get_field(name).storage
    already = cleaning.moved.get((id(storage), stored))
    if already is not None:  # another row's file, cleaned a moment ago: this row follows it
        new_name, facts = already
        return "cleaned" if _move_row(model, pk, name, stored, new_name, facts) else "changed"
    try:
        with storage.open(stored, "rb") as handle:
            original = handle.read()
    except (OSError, *uploads.BUCKET_ERRORS):
        return "missing"
    try:
        if not pictures.holds_details(original):
            return "already clean"
        if dry_run:
            return "to clean"
        out = io.BytesIO()
        pictures.write_without_metadata(io.BytesIO(original), out)
    except pictures.NotAPicture:
        return "unreadable"
    data = out.getvalue()
    # The clean copy is saved first and the row then points at it; the old file goes only
    # at the end of the run. A stop between the steps leaves a spare file, never a row
    # without its file.
    new_name = storage.save(pictures.kept_name(stored), ContentFile(data))
    facts = _facts_of(data)
    if not _move_row(model, pk, name, stored, new_name, facts):
        storage.delete(new_name)  # the row was changed or deleted meanwhile: it is theirs
        return "changed"
    cleaning.moved[(id(storage), stored)] = (new_name, facts)
    cleaning.spent.append((storage, stored))
    return "cleaned"


def _facts_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as picture:
        width, height = picture.size
    return {
        "size": len(data),
        "hash": hash_filelike(io.BytesIO(data)),
        "width": width,
        "height": height,
    }


def _move_row(model, pk, name, stored, new_name, facts) -> bool:
    """Point the row at the clean file, if it still names the old one. Returns whether it
    did (a row changed or deleted while the command ran is left as it now is)."""
    with transaction.atomic():
        row = model._default_manager.filter(pk=pk, **{name: stored}).first()
        if row is None:
            return False
        changes = {name: new_name, **_recorded(model, facts)}
        if getattr(row, "original_name", None):
            changes["original_name"] = pictures.kept_name(row.original_name)
        if isinstance(row, AbstractImage):
            _made_again(row, changes)
        return bool(model._default_manager.filter(pk=pk, **{name: stored}).update(**changes))


def _recorded(model, facts: dict) -> dict:
    """What a row records about its file, kept true: its size (Wagtail's images and
    documents, and attachments), its hash and sides (Wagtail's images)."""
    names = {f.name for f in model._meta.get_fields()}
    recorded = dict.fromkeys({"file_size", "size"} & names, facts["size"])
    if "file_hash" in names:
        recorded["file_hash"] = facts["hash"]
    if {"width", "height"} <= names:
        recorded["width"], recorded["height"] = facts["width"], facts["height"]
    return recorded


def _made_again(image, changes: dict) -> None:
    """An image's renditions were made from the picture with its details: they go, and are
    made again from the clean one. A picture stood up the right way has other sides, so its
    focal point no longer fits."""
    image.renditions.all().delete()
    if (image.width, image.height) != (changes["width"], changes["height"]):
        changes.update(
            focal_point_x=None,
            focal_point_y=None,
            focal_point_width=None,
            focal_point_height=None,
        )
