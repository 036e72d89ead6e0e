"""Write a checked plan in one transaction; running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from guide.importer.reading import Plan
from guide.models import GlossaryTerm, PracticeCollection, PracticeExample, Theme, UsefulLink


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    glossary: int = 0
    links: int = 0


EXAMPLE_COMPARE = [
    "title",
    "order",
    "organisations",
    "approach",
    "outcomes",
    "further_information",
    "links",
    "contacts",
    "publish_contacts",
    "tags",
]


@transaction.atomic
def apply(plan: Plan, *, dry_run: bool = False) -> Report:
    """Write the plan (or, with dry_run, work out what would change and write nothing)."""
    from engagement.models import LocalityPage

    report = Report()
    sid = transaction.savepoint()
    collection, _ = PracticeCollection.objects.update_or_create(
        title=plan.collection["title"],
        defaults={k: v for k, v in plan.collection.items() if k != "title"},
    )
    themes = {}
    for position, name in enumerate(plan.themes):
        theme = Theme.objects.filter(name=name).first()
        if theme is None:
            theme = Theme.objects.create(name=name, slug=slugify(name), position=position)
        elif theme.position != position:
            theme.position = position
            theme.save(update_fields=["position"])
        themes[name] = theme
    locality_ids = dict(LocalityPage.objects.values_list("slug", "pk"))
    # Examples without an order keep file-name order after the ordered ones.
    for index, data in enumerate(sorted(plan.examples, key=lambda d: d["key"])):
        values = {k: data[k] for k in EXAMPLE_COMPARE}
        values["order"] = data["order"] if data["order"] is not None else 1000 + index
        values["theme"] = themes[data["theme"]]
        values["locality_id"] = locality_ids.get(data["locality"]) if data["locality"] else None
        values["collection"] = collection
        existing = PracticeExample.objects.filter(key=data["key"]).first()
        if existing is None:
            PracticeExample.objects.create(key=data["key"], **values)
            report.created.append(data["key"])
            continue
        changed = [
            k
            for k, v in values.items()
            if getattr(existing, k if k not in ("theme", "collection") else f"{k}_id")
            != (v.pk if hasattr(v, "pk") else v)
        ]
        if changed:
            for k, v in values.items():
                setattr(existing, k, v)
            existing.save()
            report.updated.append(data["key"])
        else:
            report.unchanged.append(data["key"])
    for item in plan.glossary:
        GlossaryTerm.objects.update_or_create(
            term=item["term"],
            defaults={"abbreviation": item["abbreviation"], "definition": item["definition"]},
        )
        report.glossary += 1
    for item in plan.links:
        UsefulLink.objects.update_or_create(
            url=item["url"], defaults={"title": item["title"], "description": item["description"]}
        )
        report.links += 1
    if dry_run:
        transaction.savepoint_rollback(sid)
    else:
        transaction.savepoint_commit(sid)
    return report
