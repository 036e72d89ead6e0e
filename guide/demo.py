"""Demo guide: the shipped practice-example collection and three chapters. Idempotent."""

import io
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from engagement.models import LocalityPage, ProgrammePage, ProgressEntry
from site_content.models import HomePage

from .importer import apply, read_folder
from .models import GuideChapterPage, GuideEasyReadPage, GuidePage, PracticeExample

COLLECTION = Path(__file__).resolve().parent / "collections" / "living-well"
SLUG = "living-well"
AGREED = ["ashcombe", "brindle-moor", "carrick-vale", "hollin-bank", "elmhurst"]


def load(stdout) -> None:
    LocalityPage.objects.filter(slug__in=AGREED, agreed_to_publish=False).update(
        agreed_to_publish=True
    )
    guide = GuidePage.objects.filter(slug=SLUG).first()
    earlier = GuidePage.objects.filter(slug="guide-editor").first()  # the one-guide demo
    if guide is None and earlier is not None:
        earlier.slug = SLUG
        earlier.programme = ProgrammePage.objects.order_by("path").first()
        earlier.save_revision().publish()
        guide = earlier
    made = guide is None
    if made:
        home = HomePage.objects.first()
        guide = GuidePage(
            title="Living well in later life: a practical guide",
            slug=SLUG,
            introduction="What localities learned about choice and control in later life.",
            programme=ProgrammePage.objects.order_by("path").first(),
            show_in_menus=True,
        )
        home.add_child(instance=guide)
        guide.save_revision().publish()
    # The collection's title, introduction, editors and date become the guide's.
    report = apply(read_folder(COLLECTION, guide=guide), guide=guide)
    stdout.write(
        f"  practice examples: {len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged"
    )
    if not made:
        return
    pictures = _pictograms()
    for spec in _chapters(pictures):
        easy = spec.pop("easy_read", None)
        localities = spec.pop("localities")
        spec["body"] = [
            (k, v)
            for k, v in spec["body"]
            if not (k == "learning" and v["entry"] is None)
            and not (k == "story_quote" and v["story"] is None)
        ]
        chapter = GuideChapterPage(**spec)
        guide.add_child(instance=chapter)
        chapter.source_localities.set(LocalityPage.objects.filter(slug__in=localities))
        chapter.save_revision().publish()
        if easy:
            page = GuideEasyReadPage(
                title=f"{chapter.title} (Easy Read)",
                slug=f"{chapter.slug}-easy-read",
                points=easy,
            )
            chapter.add_child(instance=page)
            page.save_revision().publish()
    stdout.write("  guide: 3 chapters, one with an Easy Read version")


def _learning(slug):
    return (
        ProgressEntry.objects.filter(
            locality__slug=slug, status=ProgressEntry.SUBMITTED, is_learning=True
        )
        .order_by("entry_date", "pk")
        .first()
    )


def _story(n):
    """The n-th story approved for quoting (from the inquiry demo), as the block stores it."""
    from engagement.models import Story

    found = list(Story.objects.publishable().order_by("pk").values_list("pk", flat=True)[: n + 1])
    return str(found[n]) if len(found) > n else None


def _example(key):
    return PracticeExample.objects.get(guide__slug=SLUG, key=key)


def _pictograms():
    """Simple pictures for Easy Read points, drawn here so the demo needs no downloads."""
    Image = get_image_model()
    made = {}
    shapes = {
        "money": (
            "A coin",
            lambda d: (
                d.ellipse((30, 30, 170, 170), outline="#1d4f6e", width=12),
                d.ellipse((65, 65, 135, 135), outline="#1d4f6e", width=8),
            ),
        ),
        "talk": (
            "Two speech bubbles",
            lambda d: (
                d.rounded_rectangle((20, 30, 130, 100), 20, outline="#1d4f6e", width=10),
                d.rounded_rectangle((70, 100, 180, 170), 20, outline="#00703c", width=10),
            ),
        ),
        "home": (
            "A house",
            lambda d: (
                d.polygon([(100, 25), (180, 95), (20, 95)], outline="#1d4f6e", width=10),
                d.rectangle((45, 95, 155, 175), outline="#1d4f6e", width=10),
            ),
        ),
        "tick": (
            "A tick in a box",
            lambda d: (
                d.rectangle((30, 30, 170, 170), outline="#1d4f6e", width=10),
                d.line([(55, 100), (90, 140), (150, 60)], fill="#00703c", width=14),
            ),
        ),
    }
    for key, (title, draw) in shapes.items():
        existing = Image.objects.filter(title=f"Easy Read: {title}").first()
        if existing:
            made[key] = existing
            continue
        picture = PILImage.new("RGB", (200, 200), "white")
        draw(ImageDraw.Draw(picture))
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        made[key] = Image.objects.create(
            title=f"Easy Read: {title}", file=ImageFile(buffer, name=f"easy-read-{key}.png")
        )
    return made


def _chapters(pictures):
    sds = [
        "Set a personal budget",
        "Plan support",
        "Agree the plan",
        "Organise the money",
        "Organise support",
        "Live life",
        "Review and learn",
    ]
    plan_parts = [
        "What is important to you",
        "What you want to change or achieve",
        "How you will be supported",
        "How you will use your budget",
        "How your support will be managed",
        "How you will stay in control",
        "What you will do to make the plan happen",
    ]
    return [
        {
            "title": "Getting started with personal budgets",
            "slug": "getting-started",
            "summary": "How localities helped older people understand and use personal budgets.",
            "localities": ["ashcombe", "elmhurst"],
            "body": [
                (
                    "text",
                    RichText(
                        "<p>Many older people had never heard the words <b>personal budget</b>. "
                        "Localities found that plain words, and someone local to talk to, made the "
                        "biggest difference.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "heading": "Say it plainly",
                        "text": RichText(
                            "<p>Try “money you control for your support” "
                            "before you use the term personal budget.</p>"
                        ),
                    },
                ),
                (
                    "checklist",
                    {
                        "title": "The seven steps of self-directed support",
                        "introduction": "Use these steps to explain the whole journey.",
                        "items": sds,
                    },
                ),
                (
                    "practice_example",
                    {
                        "example": _example("village-agents"),
                        "note": "Local people explaining budgets in everyday words.",
                    },
                ),
                ("learning", {"entry": _learning("ashcombe"), "heading": "What Ashcombe learned"}),
                (
                    "figure",
                    {
                        "image": pictures["money"],
                        "alt_text": "A pound coin in a circle",
                        "caption": "A personal budget is money you control.",
                    },
                ),
            ],
            "easy_read": [
                (
                    "point",
                    {
                        "text": "A personal budget is money for your support.",
                        "image": pictures["money"],
                        "alt_text": "A pound coin",
                    },
                ),
                (
                    "point",
                    {
                        "text": "You can talk to someone about how to use it.",
                        "image": pictures["talk"],
                        "alt_text": "Two speech bubbles",
                    },
                ),
                (
                    "point",
                    {
                        "text": "You choose the help you want at home.",
                        "image": pictures["home"],
                        "alt_text": "A house",
                    },
                ),
                (
                    "point",
                    {
                        "text": "We check with you that it is working.",
                        "image": pictures["tick"],
                        "alt_text": "A tick in a box",
                    },
                ),
            ],
        },
        {
            "title": "Planning support that fits a life",
            "slug": "planning-support",
            "summary": "Support plans and reviews led by the person, not the form.",
            "localities": ["brindle-moor"],
            "body": [
                (
                    "text",
                    RichText(
                        "<p>A good support plan starts with what matters to the person. Reviews "
                        "work best when the person leads them.</p>"
                    ),
                ),
                (
                    "checklist",
                    {
                        "title": "Seven parts of a good support plan",
                        "introduction": "",
                        "items": plan_parts,
                    },
                ),
                ("practice_example", {"example": _example("person-led-reviews"), "note": ""}),
                ("learning", {"entry": _learning("brindle-moor"), "heading": ""}),
            ],
        },
        {
            "title": "Working with carers and communities",
            "slug": "carers-and-communities",
            "summary": "Planning with carers, and circles of support for people living alone.",
            "localities": ["carrick-vale", "hollin-bank"],
            "body": [
                (
                    "text",
                    RichText(
                        "<p>Carers and neighbours are part of most people's support. Localities "
                        "made room for them in planning.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "example",
                        "heading": "Plan breaks early",
                        "text": RichText(
                            "<p>Carers wanted to plan breaks months ahead, not in a crisis.</p>"
                        ),
                    },
                ),
                ("practice_example", {"example": _example("carers-planning-group"), "note": ""}),
                ("practice_example", {"example": _example("circles-of-support"), "note": ""}),
                ("learning", {"entry": _learning("hollin-bank"), "heading": ""}),
                ("story_quote", {"story": _story(1), "heading": "In a carer's words"}),
            ],
        },
    ]
