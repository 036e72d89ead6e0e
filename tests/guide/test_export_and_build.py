"""Export through the gate, determinism, and full builds with mkdocs --strict."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.rich_text import RichText

from engagement.models import LocalityPage, ProgressEntry
from guide.export import ExportError, export
from guide.models import GuideChapterPage, GuidePage, PracticeExample

pytestmark = pytest.mark.usefixtures("demo_db")


def tree_digest(root: Path) -> dict:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.md"))
    }


def build(*args):
    out = []

    class W:
        def write(self, s, *a, **k):
            out.append(s)

        def flush(self):
            pass

    call_command("build_guide", *args, stdout=W(), stderr=W())
    return "\n".join(out)


def test_export_is_deterministic(guide_dirs):
    docs, _ = guide_dirs
    export(docs)
    first = tree_digest(docs)
    export(docs)
    assert tree_digest(docs) == first
    assert "examples/village-agents.md" in first and "chapters/getting-started.md" in first
    assert "about.md" in first  # framing pages are kept


def test_export_content_and_trail(guide_dirs):
    docs, _ = guide_dirs
    result = export(docs)
    chapter = (docs / "chapters" / "getting-started.md").read_text()
    assert "## Where this came from" in chapter and "Localities: Ashcombe, Elmhurst" in chapter
    assert "[Read this chapter in Easy Read](getting-started-easy-read.md)" in chapter
    easy = (docs / "chapters" / "getting-started-easy-read.md").read_text()
    assert "[Read the full chapter](getting-started.md)" in easy
    example = (docs / "examples" / "village-agents.md").read_text()
    assert "## Our approach" in example and "41 older people" in example
    assert "jo.example@example.org" not in example  # contact without the publish flag
    assert "Forum coordinator" in (docs / "examples" / "experts-panel-leaflets.md").read_text()
    glossary = (docs / "glossary.md").read_text()
    assert (
        glossary.startswith("# Terms and abbreviations") and "| PB | Personal budget |" in glossary
    )
    assert (docs / "links.md").read_text().startswith("# Useful websites")
    themes = [list(item.values())[0] for item in result.nav if "Practice examples" in item][0]
    assert [list(t)[0] for t in themes][0] == "Developing choice and control"
    # The navigation is bounded: examples are reached from theme pages, not listed in it.
    assert "examples/" not in str(result.nav)


def test_gate_stops_the_build_and_names_the_item(guide_dirs):
    _, site = guide_dirs
    entry = (
        ProgressEntry.objects.filter(locality__slug="ashcombe", is_learning=True)
        .order_by("entry_date", "pk")
        .first()
    )
    LocalityPage.objects.filter(slug="ashcombe").update(agreed_to_publish=False)
    with pytest.raises(CommandError) as exc:
        build("--no-pdf")
    assert f"progress entry {entry.pk} (Ashcombe): Ashcombe has not agreed to publish" in str(
        exc.value
    )
    assert not site.exists()
    out = build("--no-pdf", "--skip-refused")
    assert f"left out: chapters/getting-started.md, because progress entry {entry.pk}" in out
    assert not (site / "chapters" / "getting-started.html").exists()
    assert (site / "chapters" / "planning-support.html").exists()


def test_personal_details_in_an_example_stop_the_build(guide_dirs):
    PracticeExample.objects.filter(key="pa-matching").update(outcomes="Call Sam on 07700 900123.")
    with pytest.raises(CommandError) as exc:
        build("--no-pdf")
    assert (
        "practice example “Matching personal assistants on shared interests” (pa-matching)"
        in str(exc.value)
    )
    assert "phone number “07700 900123”" in str(exc.value)


def _getting_started():
    chapter = GuideChapterPage.objects.get(slug="getting-started")
    entry = next(b.value["entry"] for b in chapter.body if b.block_type == "learning")
    return chapter, entry


def test_the_gate_blames_the_chapter_for_its_own_words(guide_dirs):
    """An email address typed into a chapter's own text names the chapter, not the learning
    entry or the practice example quoted beside it."""
    docs, _ = guide_dirs
    chapter, entry = _getting_started()
    chapter.summary = "Ask sam.okafor@example.net how it went."
    chapter.save_revision().publish()
    with pytest.raises(ExportError) as exc:
        export(docs)
    message = str(exc.value)
    assert f"page “{chapter.title}” (id {chapter.pk}): it contains an email" in message
    assert f"progress entry {entry.pk}" not in message
    assert "village-agents" not in message


def test_the_gate_blames_a_quoted_entry_for_its_own_words(guide_dirs, client):
    """A phone number in a quoted learning entry names the entry (where it can be fixed), and
    the chapter's own words are not blamed; the publish check links to the entry."""
    docs, _ = guide_dirs
    chapter, entry = _getting_started()
    ProgressEntry.objects.filter(pk=entry.pk).update(
        what_we_learned="Ring Jo on 07700 900456 for the leaflet."
    )
    with pytest.raises(ExportError) as exc:
        export(docs)
    message = str(exc.value)
    assert f"progress entry {entry.pk} (Ashcombe): it contains a phone number" in message
    assert f"(id {chapter.pk}): it contains" not in message
    from tests import factories as f

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    guide = GuidePage.objects.get(slug="living-well")
    page = client.get(reverse("guide_publish", args=[guide.pk])).content.decode()
    assert "07700 900456" in page
    assert reverse("workspace:entry_edit", args=["ashcombe", entry.pk]) in page


def test_an_easy_read_page_is_blamed_for_its_own_words(guide_dirs):
    docs, _ = guide_dirs
    chapter, _entry = _getting_started()
    easy = chapter.easy_read()
    easy.title = "Easy Read: ask 07700 900789"
    easy.save_revision().publish()
    with pytest.raises(ExportError) as exc:
        export(docs)
    message = str(exc.value)
    assert f"(id {easy.pk}): it contains a phone number" in message
    assert f"(id {chapter.pk}): it contains" not in message


def test_full_demo_build_strict_with_print_view_and_pdf(guide_dirs):
    _, site = guide_dirs
    out = build()
    assert "Guide built" in out
    for page in [
        "index.html",
        "chapters/getting-started.html",
        "chapters/getting-started-easy-read.html",
        "themes/developing-choice-and-control.html",
        "examples/village-agents.html",
        "glossary.html",
        "links.html",
        "tags.html",
        "tags/carers.html",
        "print_page.html",
        "search/search_index.json",
    ]:
        assert (site / page).exists(), page
    index = (site / "index.html").read_text()
    assert "Last published" in index
    print_page = (site / "print_page.html").read_text()
    # The paper starts with the guide's name, not "Print the whole guide".
    assert re.search(r'<h1 id="print-title">[^<]+: the whole guide</h1>', print_page)
    assert "<title>The whole guide - " in print_page
    # Written in British English, and every page says so (Material says only "en").
    for page in site.rglob("*.html"):
        assert '<html lang="en-GB"' in page.read_text(), page
    assert (
        "Village agents for personal budgets" in print_page
        and "Terms and abbreviations" in print_page
    )
    # Every link of the print page (and so of the PDF) leads somewhere: a link to another
    # page of the guide goes to that page's section, and any other file exists.
    ids = set(re.findall(r'\bid="([^"]+)"', print_page))
    links = re.findall(r'\bhref="([^"]+)"', print_page.split('id="print-title"')[1])
    assert any(link.startswith("#print-") for link in links)
    for link in links:
        if link.startswith("#"):
            assert link[1:] in ids, link
        elif not re.match(r"[a-z]+:|/", link):
            assert (site / link.partition("#")[0]).exists(), link
    if shutil.which("chromium"):
        assert (site / "guide.pdf").read_bytes().startswith(b"%PDF")
        assert (site / "guide-large-print.pdf").stat().st_size > 1000
        from pypdf import PdfReader

        titles = [
            PdfReader(site / n).metadata.title for n in ("guide.pdf", "guide-large-print.pdf")
        ]
        assert titles[1] == f"{titles[0]} (large print)", titles
    # No page is heavy: the navigation does not carry every example.
    assert (
        max(p.stat().st_size for p in site.rglob("*.html") if p.name != "print_page.html") < 40_000
    )


def test_a_failed_build_leaves_the_last_good_guide(guide_dirs):
    _, site = guide_dirs
    build("--no-pdf")
    marker = (site / "index.html").read_text()
    chapter = GuideChapterPage.objects.get(slug="planning-support")
    chapter.body = [("text", RichText('<p>See <a linktype="page" id="999999">this</a>.</p>'))]
    chapter.save_revision().publish()
    with pytest.raises(CommandError) as exc:
        build("--no-pdf")
    message = str(exc.value)
    assert "chapter “Planning support that fits a life”" in message and "page 999999" in message
    assert "The last published guide (“Living well" in message and "left as it was" in message
    assert (site / "index.html").read_text() == marker


def test_mkdocs_failure_is_reported_and_site_kept(guide_dirs, settings):
    docs, site = guide_dirs
    build("--no-pdf")
    guide = GuidePage.objects.get(slug="living-well")
    guide.about = "[broken](nowhere.md)"  # a link to a page the guide does not have
    guide.save_revision().publish()
    with pytest.raises(CommandError) as exc:
        build("--no-pdf")
    assert "MkDocs could not build the guide" in str(exc.value) and "nowhere.md" in str(exc.value)
    assert (site / "index.html").exists()


def test_a_worker_stopped_mid_publish_leaves_the_published_guide(guide_dirs, settings):
    """The worker told to stop at once (a second SIGTERM exits in the middle of a task): the
    guide published before is untouched and the build says it was stopped. (A worker killed
    outright runs no code at all; the new site is only ever built beside the old one, see
    test_mkdocs_failure_is_reported_and_site_kept.)"""
    from unittest import mock

    from guide.models import GuideBuild
    from guide.tasks import publish_guide

    docs, site = guide_dirs
    build("--no-pdf")
    before = (site / "index.html").read_text()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    guide = GuidePage.objects.get(slug="living-well")
    row = GuideBuild.objects.create(guide=guide)
    publish_guide.enqueue(row.pk)

    def stopped(*args, **kwargs):
        raise SystemExit(1)

    with (
        mock.patch("guide.build.subprocess.run", stopped),
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
    ):
        call_command("run_worker", batch=True, no_periodic=True, verbosity=0)
    row.refresh_from_db()
    assert row.status == GuideBuild.FAILED and "stopped before it finished" in row.message
    assert (site / "index.html").read_text() == before
    assert sorted(p.name for p in site.parent.iterdir()) == [site.name]


def test_a_build_killed_mid_swap_puts_the_last_guide_back(guide_dirs):
    docs, site = guide_dirs
    build("--no-pdf")
    site.rename(site.with_name(f".{site.name}-old"))  # killed between the two renames
    guide = GuidePage.objects.get(slug="living-well")
    guide.about = "[broken](nowhere.md)"
    guide.save_revision().publish()
    with pytest.raises(CommandError):
        build("--no-pdf")
    assert (site / "index.html").exists()


def test_missing_image_is_named(guide_dirs):
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(title="Easy Read: A coin")
    file = Path(image.file.path)
    kept = file.read_bytes()
    file.unlink()
    try:
        with pytest.raises(CommandError) as exc:
            build("--no-pdf")
    finally:  # the module's other tests share the demo's files
        file.write_bytes(kept)
    assert "the image “Easy Read: A coin” is missing its file" in str(exc.value)
    assert "chapter “Getting started with personal budgets”" in str(exc.value)


def test_learning_block_refuses_entries_that_are_not_learning():
    from django.core.exceptions import ValidationError

    from guide.blocks import LearningBlock

    entry = (
        ProgressEntry.objects.filter(is_learning=False).first()
        or ProgressEntry.objects.filter(status=ProgressEntry.DRAFT).first()
    )
    with pytest.raises(ValidationError):
        LearningBlock().clean({"entry": entry, "heading": ""})


def test_chapter_trail_lists_review_rounds(guide_dirs):
    import datetime

    from engagement.models import Panel
    from engagement.panels import services as panel_services

    chapter = GuideChapterPage.objects.get(slug="planning-support")
    panel = Panel.objects.get(slug="living-well-experts")
    panel_services.open_round(
        panel=panel,
        creator=panel.facilitator,
        questions=["Is it clear?"],
        invited=[],
        data={
            "title": "Draft chapter check",
            "page": chapter,
            "closes_on": datetime.date(2030, 1, 1),
        },
    )
    docs, _ = guide_dirs
    export(docs)
    text = (docs / "chapters" / "planning-support.md").read_text()
    assert "- Reviewed by the Living Well experts panel: Draft chapter check" in text


def test_pictures_in_the_guide_carry_no_metadata(guide_dirs):
    """A photo with its GPS position and author's name is re-encoded without them."""
    from PIL import Image
    from wagtail.images import get_image_model

    docs, _ = guide_dirs
    image = get_image_model().objects.get(title="Easy Read: A coin")
    exif = Image.Exif()
    exif[0x013B] = "Jo Bloggs jo.bloggs@example.org"  # Artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)}  # GPS
    exif[0x0112] = 6  # Orientation: turn the picture a quarter
    Image.new("RGB", (40, 20), "orange").save(image.file.path, format="JPEG", exif=exif)
    original = Image.open(image.file.path)
    assert original.getexif().get(0x013B) and original.getexif().get_ifd(0x8825)

    result = export(docs)
    written = [docs / name for name in result.images]
    assert written
    for path in written:
        data = path.read_bytes()
        assert b"Jo Bloggs" not in data and b"Exif" not in data
        with Image.open(path) as picture:
            assert not picture.getexif()
            assert "exif" not in picture.info and "xmp" not in picture.info
            if path.name.endswith(Path(image.file.name).name):
                assert picture.size == (20, 40)  # turned the right way up, not just stripped


def test_an_example_with_flagged_contacts_publishes_them_and_only_there(guide_dirs):
    docs, _ = guide_dirs
    leaflets = PracticeExample.objects.get(key="experts-panel-leaflets")
    assert leaflets.publish_contacts
    leaflets.contacts = [
        {"role": "Forum coordinator", "email": "forum@example.org", "phone": "01632 960123"}
    ]
    leaflets.further_information = "Email forum@example.org to join the panel."
    leaflets.save()
    export(docs)  # builds: nothing is refused
    page = (docs / "examples" / "experts-panel-leaflets.md").read_text()
    assert "forum@example\\.org" in page or "forum@example.org" in page
    assert "01632 960123" in page
    # The same address typed into another example is still refused there.
    other = PracticeExample.objects.exclude(pk=leaflets.pk).first()
    other.approach += "\n\nAsk forum@example.org."
    other.save()
    with pytest.raises(ExportError, match=r"forum@example\.org"):
        export(docs)


def test_a_source_the_gate_refuses_is_left_out_and_named(guide_dirs, client):
    """ "Where this came from" names events: an event whose title holds a phone number, one
    not published, and another programme's are each left out of the list (the chapter is
    still published), and the publish check names the event, not the chapter."""
    from events import demo as demo_events
    from events.models import EventPage
    from guide.admin_views import publish_check
    from tests import factories as f

    docs, _ = guide_dirs
    chapter, _entry = _getting_started()
    meeting = EventPage.objects.get(slug=demo_events.NETWORK_MEETING_SLUG)
    residential = EventPage.objects.get(slug=demo_events.RESIDENTIAL_SLUG)
    elsewhere = EventPage.objects.get(slug="employment-group-job-trials")
    EventPage.objects.filter(pk=meeting.pk).update(title="Network meeting, ring 07700 900111")
    residential.unpublish()
    chapter.source_events.set([meeting, residential, elsewhere])
    result = export(docs)
    text = (docs / "chapters" / "getting-started.md").read_text()
    assert "## Where this came from" in text and "Localities: Ashcombe, Elmhurst" in text
    assert "07700 900111" not in text and "- Event:" not in text
    skipped = "\n".join(result.skipped)
    assert f"(id {meeting.pk}): it contains a phone number" in skipped
    assert f"(id {residential.pk}): the page is not published" in skipped
    assert f"(id {elsewhere.pk}): it is another programme's work" in skipped
    assert f"(id {chapter.pk}):" not in skipped
    guide = GuidePage.objects.get(slug="living-well")
    problems = publish_check(guide, f.UserFactory(is_superuser=True, is_staff=True))
    by_item = {p["item"]: p for p in problems}
    named = by_item[f"page “Network meeting, ring 07700 900111” (id {meeting.pk})"]
    assert named["url"] == reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    # Once put right, the event is listed again.
    EventPage.objects.filter(pk=meeting.pk).update(title="Network meeting")
    export(docs)
    assert "- Event: Network meeting," in (docs / "chapters" / "getting-started.md").read_text()


def test_a_private_inquiry_is_not_named_among_a_chapters_sources(guide_dirs):
    from wagtail.models import PageViewRestriction

    from engagement.models import InquiryPage

    docs, _ = guide_dirs
    export(docs)
    named = {
        path: path.read_text()
        for path in (docs / "chapters").glob("*.md")
        if "- Appreciative inquiry:" in path.read_text()
    }
    assert named, "the demo guide quotes a story somewhere"
    path, text = next(iter(named.items()))
    title = text.split("- Appreciative inquiry: ", 1)[1].split(" (", 1)[0]
    inquiry = InquiryPage.objects.get(title=title)
    PageViewRestriction.objects.create(page=inquiry, restriction_type="login")
    result = export(docs)
    assert "- Appreciative inquiry:" not in path.read_text()
    assert any(f"(id {inquiry.pk}): the page is private" in s for s in result.skipped)
