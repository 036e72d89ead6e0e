"""Write a checked plan in one transaction, into the collection's own guide (made on the first
import). Running it again changes nothing; importing a changed file updates in place and lists
the edits made in the admin that the file overwrote."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from guide.importer.reading import ImportFailed, Plan, Problem
from guide.models import (
    GlossaryTerm,
    GuidePage,
    PracticeCollection,
    PracticeExample,
    Theme,
    UsefulLink,
)


@dataclass
class Report:
    guide: GuidePage | None = None
    guide_created: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)  # admin edits the file replaced
    refusals: list[str] = field(default_factory=list)  # what the gate would refuse (dry run)
    moved_from: str = ""  # the guide the collection went into before (--guide elsewhere)
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


def _guide_values(collection: dict) -> dict:
    return {
        "title": collection["title"],
        "introduction": collection["introduction"].strip()
        or f"Practice examples from “{collection['title']}”.",
        "editors": ", ".join(collection["editors"]),
        "publication_date": collection["published"],
    }


def _find_or_make_guide(plan: Plan, guide: GuidePage | None, report: Report, programme=None):
    """The guide this collection goes into: the one named, the one an earlier import of the
    collection made, or a new guide under the home page at /guides/<slug of the title>/."""
    from site_content.models import HomePage

    earlier = PracticeCollection.objects.filter(title=plan.collection["title"]).first()
    if guide is not None and earlier is not None and earlier.guide_id not in (None, guide.pk):
        report.moved_from = earlier.guide.title
    guide = guide or (earlier.guide if earlier else None)
    values = _guide_values(plan.collection)
    if guide is None:
        slug = slugify(values["title"])[:80] or "guide"
        clash = GuidePage.objects.filter(slug=slug).first()
        if clash is not None:
            raise ImportFailed(
                [
                    Problem(
                        "collection.yml",
                        None,
                        f"a guide with the address /guides/{slug}/ already exists "
                        f"(“{clash.title}”). Import into it with --guide {slug}, or give the "
                        "collection another title.",
                    )
                ]
            )
        home = HomePage.objects.order_by("path").first()
        if home is None:
            raise ImportFailed([Problem("collection.yml", None, "the site has no home page yet")])
        guide = GuidePage(slug=slug, programme=programme, **values)
        home.add_child(instance=guide)
        guide.save_revision().publish()
        report.guide_created = True
        return guide
    # A guide made for another collection (or a programme's guide holding several) keeps its
    # own title and introduction; a collection's own guide takes them from collection.yml.
    if PracticeCollection.objects.filter(guide=guide).exclude(title=values["title"]).exists():
        return guide
    # Say which of the guide's fields the file replaces after someone changed them in the
    # admin (the collection keeps what was imported last time).
    before = _guide_values(
        {
            "title": earlier.title,
            "introduction": earlier.introduction,
            "editors": earlier.editors,
            "published": earlier.published,
        }
    ) if earlier else {}  # fmt: skip
    changed = {k: v for k, v in values.items() if getattr(guide, k) != v}
    for name in changed:
        if name in before and getattr(guide, name) != before[name]:
            report.overwritten.append(f"guide “{guide.title}”: {name}")
    if changed:
        for name, value in changed.items():
            setattr(guide, name, value)
        revision = guide.save_revision()
        if guide.live:  # a guide its editors took offline stays offline
            revision.publish()
    return guide


def _imported_values(data: dict) -> dict:
    return {**{k: data[k] for k in EXAMPLE_COMPARE}, "theme": data["theme"]}


def _current_values(example: PracticeExample) -> dict:
    return {**{k: getattr(example, k) for k in EXAMPLE_COMPARE}, "theme": example.theme.name}


@transaction.atomic
def apply(
    plan: Plan,
    *,
    guide: GuidePage | None = None,
    programme=None,
    dry_run: bool = False,
    actor: str = "",
) -> Report:
    """Write the plan into its guide (or, with dry_run, work out what would change and write
    nothing). A guide made by this import belongs to ``programme`` (None: an organisation's
    guide). ``actor`` is recorded as whoever set an example's publish flag."""
    from engagement.models import LocalityPage

    report = Report()
    sid = transaction.savepoint()
    guide = _find_or_make_guide(plan, guide, report, programme)
    report.guide = guide
    collection, _ = PracticeCollection.objects.update_or_create(
        title=plan.collection["title"],
        defaults={**{k: v for k, v in plan.collection.items() if k != "title"}, "guide": guide},
    )
    themes = {}
    for position, name in enumerate(plan.themes):
        theme = Theme.objects.filter(guide=guide, name=name).first()
        if theme is None:
            theme = Theme.objects.create(
                guide=guide, name=name, slug=slugify(name), position=position
            )
        elif theme.position != position:
            theme.position = position
            theme.save(update_fields=["position"])
        themes[name] = theme
    locality_ids = dict(LocalityPage.objects.values_list("slug", "pk"))
    actor = actor or f"import of “{plan.collection['title']}”"
    existing_by_key = {
        ex.key: ex for ex in PracticeExample.objects.filter(guide=guide).select_related("theme")
    }
    # Examples without an order keep file-name order after the ordered ones.
    for index, data in enumerate(sorted(plan.examples, key=lambda d: d["key"])):
        data = {**data, "order": data["order"] if data["order"] is not None else 1000 + index}
        values = {k: data[k] for k in EXAMPLE_COMPARE}
        values["theme"] = themes[data["theme"]]
        values["locality_id"] = locality_ids.get(data["locality"]) if data["locality"] else None
        values["collection"] = collection
        imported = _imported_values(data)
        existing = existing_by_key.get(data["key"])
        if existing is None:
            example = PracticeExample(key=data["key"], guide=guide, imported=imported, **values)
            example.record_flag(actor)
            example.save()
            report.created.append(data["key"])
            continue
        current = _current_values(existing)
        changed = [
            k
            for k, v in values.items()
            if getattr(existing, k if k not in ("theme", "collection") else f"{k}_id")
            != (v.pk if hasattr(v, "pk") else v)
        ]
        if not changed and existing.imported == imported:
            report.unchanged.append(data["key"])
            continue
        last = existing.imported or {}
        report.overwritten += [
            f"{data['key']}: {name}"
            for name, value in current.items()
            if name in last and value != last[name] and value != imported[name]
        ]
        for k, v in values.items():
            setattr(existing, k, v)
        existing.imported = imported
        existing.record_flag(actor)
        existing.save()
        (report.updated if changed else report.unchanged).append(data["key"])
    for item in plan.glossary:
        GlossaryTerm.objects.update_or_create(
            guide=guide,
            term=item["term"],
            defaults={"abbreviation": item["abbreviation"], "definition": item["definition"]},
        )
        report.glossary += 1
    for item in plan.links:
        UsefulLink.objects.update_or_create(
            guide=guide,
            url=item["url"],
            defaults={"title": item["title"], "description": item["description"]},
        )
        report.links += 1
    if dry_run:
        report.refusals = gate_report(guide)
        transaction.savepoint_rollback(sid)
    else:
        transaction.savepoint_commit(sid)
    return report


def gate_report(guide: GuidePage) -> list[str]:
    """What the publication gate would refuse if the guide were published as it now stands."""
    from guide.export import Exporter, ExportError

    exporter = Exporter(guide, skip_refused=True)
    try:
        exporter.run()
    except ExportError as exc:
        return [str(exc)]
    return list(dict.fromkeys(str(refusal) for _item, refusal in exporter.refused_items))
