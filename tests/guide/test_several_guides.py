"""Every programme (and an organisation's compendium) its own guide: its own title, framing
pages, examples, themes, glossary, links, folder and search index; nothing of one guide in
another. The importer makes or updates its guide; the publish flag is recorded."""

import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.models import ProgrammePage, ProgrammeRole
from guide.export import Exporter
from guide.models import GuideBuild, GuideChapterPage, GuidePage, PracticeExample, Theme
from tests import factories as f
from tests.guide.admin_form import example_data
from tests.guide.conftest import COLLECTION

pytestmark = pytest.mark.usefixtures("demo_db")
SECOND = "north-vale-compendium"


class Out:
    def __init__(self):
        self.text = ""

    def write(self, s, *a, **k):
        self.text += s + "\n"

    def flush(self):
        pass


def command(name, *args):
    out, err = Out(), Out()
    call_command(name, *args, stdout=out, stderr=err)
    return out.text + err.text


def compendium(tmp_path, *, title="North Vale compendium"):
    """A second collection: another title and editors, and an example whose key is also in the
    demo guide but whose words are not."""
    folder = tmp_path / "north-vale"
    shutil.copytree(COLLECTION, folder)
    text = (folder / "collection.yml").read_text()
    text = text.replace("title: Living well in later life – a practical guide", f"title: {title}")
    text = text.replace("published: 2026-11", "published: 2011-05")
    text = text.replace(
        "editors: [Living Well in Later Life programme team]",
        "editors: [North Vale Improvement Partnership]",
    )
    (folder / "collection.yml").write_text(text)
    example = folder / "examples" / "village-agents.md"
    example.write_text(
        example.read_text().replace("41 older people", "Ninety-seven farming households")
    )
    return folder


def second_guide(tmp_path):
    command("import_practice_examples", str(compendium(tmp_path)))
    return GuidePage.objects.get(slug=SECOND)


def html_of(site):
    return {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*.html")}


def test_import_makes_its_own_guide_and_again_changes_nothing(tmp_path):
    folder = compendium(tmp_path)
    out = command("import_practice_examples", str(folder))
    assert f"Made the guide “North Vale compendium” (/guides/{SECOND}/)" in out
    guide = GuidePage.objects.get(slug=SECOND)
    assert guide.live and guide.editors == "North Vale Improvement Partnership"
    assert guide.publication_date == "2011-05" and "eleven localities" in guide.introduction
    assert guide.examples.count() == 8 and guide.themes.count() == 4
    assert guide.glossary.count() == 8 and guide.links.count() == 3
    # The demo guide keeps its own examples under the same key.
    demo = PracticeExample.objects.get(guide__slug="living-well", key="village-agents")
    assert "41 older people" in demo.outcomes + demo.approach
    ours = guide.examples.get(key="village-agents")
    assert "Ninety-seven farming households" in ours.outcomes + ours.approach
    revisions = guide.revisions.count()
    out = command("import_practice_examples", str(folder))
    assert "0 examples created, 0 updated, 8 unchanged" in out
    assert "Made the guide" not in out and "overwrote" not in out
    assert guide.revisions.count() == revisions
    assert GuidePage.objects.filter(slug__startswith="north-vale").count() == 1


def test_a_changed_file_updates_and_names_the_admin_edits_it_overwrote(tmp_path):
    folder = compendium(tmp_path)
    command("import_practice_examples", str(folder))
    example = PracticeExample.objects.get(guide__slug=SECOND, key="pa-matching")
    example.outcomes = "Edited in the admin."
    example.save()
    guide = GuidePage.objects.get(slug=SECOND)
    guide.editors = "Someone in the admin"
    guide.save_revision().publish()
    # A file change the admin did not touch is not reported as an overwrite.
    path = folder / "examples" / "pa-matching.md"
    path.write_text(path.read_text().replace("## Outcomes\n\n", "## Outcomes\n\n- New first.\n"))
    out = command("import_practice_examples", str(folder))
    assert "1 updated" in out
    assert "overwrote an edit made in the admin: pa-matching: outcomes" in out
    assert "overwrote an edit made in the admin: guide" in out and "editors" in out
    assert "village-agents" not in out.split("overwrote")[-1]
    example.refresh_from_db()
    assert example.outcomes.startswith("- New first.")


def test_dry_run_names_what_the_gate_would_refuse_and_writes_nothing(tmp_path):
    folder = compendium(tmp_path)
    path = folder / "examples" / "pa-matching.md"
    path.write_text(
        path.read_text().replace("## Outcomes\n\n", "## Outcomes\n\n- Ring 07700 900123.\n")
    )
    guides = GuidePage.objects.count()
    out = command("import_practice_examples", str(folder), "--dry-run")
    assert "Would make the guide “North Vale compendium”" in out
    assert (
        "the gate would refuse: practice example “Matching personal assistants on shared "
        "interests” (pa-matching): it contains a phone number “07700 900123”"
    ) in out
    assert "village-agents" not in out.split("the gate would refuse")[1]
    assert GuidePage.objects.count() == guides
    assert not PracticeExample.objects.filter(guide__slug=SECOND).exists()


def test_import_flag_is_recorded_as_the_importers_decision(tmp_path):
    command("import_practice_examples", str(compendium(tmp_path)))
    flagged = PracticeExample.objects.get(guide__slug=SECOND, key="experts-panel-leaflets")
    assert flagged.publish_contacts
    assert flagged.publish_contacts_set_by == "import of “North Vale compendium”"
    assert flagged.publish_contacts_set_at is not None
    unflagged = PracticeExample.objects.get(guide__slug=SECOND, key="village-agents")
    assert unflagged.publish_contacts_set_at is None


def test_the_admin_records_who_set_the_flag(client):
    admin = f.UserFactory(is_superuser=True, is_staff=True, first_name="Ruth", last_name="Okafor")
    client.force_login(admin)
    example = PracticeExample.objects.get(guide__slug="living-well", key="village-agents")
    assert not example.publish_contacts
    url = reverse("wagtailsnippets_guide_practiceexample:edit", args=[example.pk])
    data = example_data(example, publish_contacts="on")
    assert client.post(url, data).status_code == 302
    example.refresh_from_db()
    assert example.publish_contacts and example.publish_contacts_set_by == admin.get_full_name()
    page = client.get(url).content.decode()
    assert f"set by {admin.get_full_name()}" in page
    # A contact marked for publication with no name: the form says which, and keeps the rest.
    data = example_data(
        example,
        contacts=[{"role": "Scheme lead", "email": "lead@example.org"}],
        approach="Kept as typed.",
        publish_contacts="on",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contact 1 (Scheme lead) is marked for publication but has no name" in html
    assert "Kept as typed." in html
    example.refresh_from_db()
    assert example.approach != "Kept as typed."


def test_a_flagged_contact_without_a_name_stops_the_import(tmp_path):
    folder = compendium(tmp_path)
    path = folder / "examples" / "experts-panel-leaflets.md"
    path.write_text(path.read_text().replace("    name: Morag Penhale\n", ""))
    with pytest.raises(CommandError, match="nothing was imported"):
        command("import_practice_examples", str(folder))
    err = Out()
    with pytest.raises(CommandError):
        call_command("import_practice_examples", str(folder), stdout=Out(), stderr=err)
    assert "experts-panel-leaflets.md:8: Contact 1 (Forum coordinator) is marked" in err.text
    assert not GuidePage.objects.filter(slug=SECOND).exists()


def test_two_guides_with_the_same_slug_are_refused(tmp_path):
    demo = GuidePage.objects.get(slug="living-well")
    second = second_guide(tmp_path)
    second.slug = "living-well"
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    assert "“Living well in later life – a practical guide” already uses the address" in str(
        exc.value
    )
    # A collection whose title would take another guide's address is stopped, naming both.
    folder = compendium(tmp_path / "again", title=demo.title)
    (folder / "collection.yml").write_text(
        (folder / "collection.yml").read_text().replace(demo.title, "Living well")
    )
    with pytest.raises(CommandError):
        err = Out()
        call_command("import_practice_examples", str(folder), stdout=Out(), stderr=err)
    assert "a guide with the address /guides/living-well/ already exists" in err.text


def test_each_guide_builds_alone_with_nothing_of_the_other(tmp_path, guide_dirs):
    _, demo_site = guide_dirs
    second = second_guide(tmp_path)
    second.about = "North Vale's own words about this compendium."
    second.save_revision().publish()
    out = command("build_guide", "--all", "--no-pdf")
    assert out.count("Guide built") == 2
    site = second.site_dir
    ours, theirs = html_of(site), html_of(demo_site)
    assert "Ninety-seven farming households" in ours["examples/village-agents.html"]
    assert "<title>North Vale compendium" in ours["index.html"]
    assert "North Vale's own words" in ours["about.html"]
    assert not any("Ninety-seven" in t for t in theirs.values())
    assert not any("41 older people" in t for t in ours.values())
    assert not any("North Vale's own words" in t for t in theirs.values())
    # Chapters belong to the demo guide only; the compendium has none.
    assert not any(p.startswith("chapters/") for p in ours)
    # Each guide has its own search index, holding only its own pages.
    index = (site / "search" / "search_index.json").read_text()
    assert "Ninety-seven" in index and "41 older people" not in index
    assert (
        "Edited by North Vale Improvement Partnership. Edition of May 2011." in ours["index.html"]
    )
    # The publish history has both builds, made from the command line.
    builds = GuideBuild.objects.filter(from_command=True, status=GuideBuild.DONE)
    assert {b.guide.slug for b in builds} == {"living-well", SECOND}


def test_guides_are_listed_and_served_at_their_own_address(tmp_path, guide_dirs, client, settings):
    second = second_guide(tmp_path)
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    command("build_guide", "--all", "--no-pdf")
    home = client.get("/").content.decode()
    assert "/guides/living-well/" in home and f"/guides/{SECOND}/" in home
    listing = client.get("/guides/").content.decode()
    assert "North Vale compendium" in listing and "Living well in later life" in listing
    # The programme page lists its own guide and not the organisation's compendium.
    page = client.get(programme.url).content.decode()
    assert "/guides/living-well/" in page and f"/guides/{SECOND}/" not in page
    served = client.get(f"/guides/{SECOND}/examples/village-agents.html")
    assert b"Ninety-seven" in b"".join(served.streaming_content)
    assert client.get("/guide/chapters/getting-started.html")["Location"] == (
        "/guides/living-well/chapters/getting-started.html"
    )
    settings.GUIDE_DEFAULT = SECOND
    assert client.get("/guide/")["Location"] == f"/guides/{SECOND}/"
    # Public example pages are per guide; the old one-guide address still leads somewhere.
    assert client.get(f"/practice-examples/{SECOND}/village-agents/").status_code == 200
    settings.GUIDE_DEFAULT = ""
    old = client.get("/practice-examples/village-agents/")
    assert old.status_code == 301 and old["Location"].endswith(
        "/practice-examples/living-well/village-agents/"
    )
    assert client.get("/guides/no-such-guide/").status_code == 404
    # A draft guide is not served or listed.
    second.unpublish()
    assert client.get(f"/guides/{SECOND}/").status_code == 404
    assert "North Vale compendium" not in client.get("/guides/").content.decode()


def test_a_chapter_moved_into_another_guide_is_refused_there_and_the_last_good_one_stays(
    tmp_path, guide_dirs
):
    second = second_guide(tmp_path)
    command("build_guide", "--guide", SECOND, "--no-pdf")
    before = html_of(second.site_dir)
    # This chapter shows the demo guide's practice examples; moved, they do not come along.
    chapter = GuideChapterPage.objects.get(slug="getting-started")
    chapter.move(second, pos="last-child")
    with pytest.raises(CommandError) as exc:
        command("build_guide", "--guide", SECOND, "--no-pdf")
    message = str(exc.value)
    assert "belongs to “Living well in later life – a practical guide”" in message
    assert "not to the guide “North Vale compendium”" in message
    assert "left as it was" in message
    assert html_of(second.site_dir) == before
    failed = GuideBuild.objects.filter(guide=second).first()
    assert failed.status == GuideBuild.FAILED and "belongs to" in failed.message


def test_the_publish_check_and_permission_are_per_guide(tmp_path, client):
    second = second_guide(tmp_path)
    PracticeExample.objects.filter(guide=second, key="pa-matching").update(
        outcomes="Call 07700 900123."
    )
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    index = client.get(reverse("guide_publish_index")).content.decode()
    assert "Check and publish “North Vale compendium”" in index
    ours = client.get(reverse("guide_publish", args=[second.pk])).content.decode()
    demo = GuidePage.objects.get(slug="living-well")
    theirs = client.get(reverse("guide_publish", args=[demo.pk])).content.decode()
    assert "07700 900123" in ours and "07700 900123" not in theirs
    assert "Nothing would be left out" in theirs


def test_building_one_guide_does_not_cost_more_with_other_guides(tmp_path):
    demo = GuidePage.objects.get(slug="living-well")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            Exporter(demo, skip_refused=True).run()
        return len(ctx)

    alone = queries()
    for n in range(3):
        command("import_practice_examples", str(compendium(tmp_path / str(n), title=f"Other {n}")))
    assert Theme.objects.exclude(guide=demo).count() == 12
    assert queries() == alone


def test_organisations_contacts_links_and_tags_are_edited_as_fields(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    example = PracticeExample.objects.get(guide__slug="living-well", key="pa-matching")
    url = reverse("wagtailsnippets_guide_practiceexample:edit", args=[example.pk])
    form = client.get(url).content.decode()
    # Wagtail's list editor (add, remove, reorder), not a box of JSON.
    assert (
        'data-w-block-data-value="{&quot;_type&quot;: &quot;wagtail.blocks.ListBlock&quot;' in form
    )
    data = example_data(
        example,
        organisations=["Brindle Moor Council", " ", "Moorside Trust"],
        links=[{"title": "Leaflet", "url": "https://example.org/leaflet"}],
        contacts=[{"role": "Lead", "name": "Ola Ade", "email": "ola@example.org", "phone": ""}],
        tags=["matching", "personal assistants"],
    )
    assert client.post(url, data).status_code == 302
    example.refresh_from_db()
    assert example.organisations == ["Brindle Moor Council", "Moorside Trust"]
    assert example.links == [{"title": "Leaflet", "url": "https://example.org/leaflet"}]
    assert example.contacts == [{"role": "Lead", "name": "Ola Ade", "email": "ola@example.org"}]
    assert example.tags == ["matching", "personal assistants"]
    # Bad input: a web address that is not one, no organisation, a damaged post. Each gets a
    # message on the form; what was typed is kept and nothing saved is lost.
    bad = example_data(
        example,
        links=[{"title": "Broken", "url": "javascript:alert(1)"}],
        approach="Typed before the mistake.",
    )
    response = client.post(url, bad)
    assert response.status_code == 200 and "Enter a valid URL" in response.content.decode()
    assert "Typed before the mistake." in response.content.decode()
    response = client.post(url, example_data(example, organisations=[]))
    assert response.status_code == 200
    assert "Add at least one organisation." in response.content.decode()
    damaged = example_data(example)
    damaged["contacts-count"] = "many"
    response = client.post(url, damaged)
    assert response.status_code == 200
    assert "This list could not be read" in response.content.decode()
    example.refresh_from_db()
    assert example.organisations == ["Brindle Moor Council", "Moorside Trust"]


def test_a_new_guide_never_serves_an_old_guides_folder(tmp_path, guide_dirs, client):
    second = second_guide(tmp_path)
    command("build_guide", "--guide", SECOND, "--no-pdf")
    assert second.is_built and client.get(f"/guides/{SECOND}/").status_code == 200
    second.delete()
    # A new guide takes the same address: the folder left behind is not its build.
    again = second_guide(tmp_path / "again")
    assert again.slug == SECOND and not again.is_built
    assert client.get(f"/guides/{SECOND}/").status_code == 404
    assert client.get(f"/guides/{SECOND}/examples/village-agents.html").status_code == 404
    assert "North Vale compendium" not in client.get("/guides/").content.decode()
    with pytest.raises(CommandError, match="has not been published; nothing was published"):
        PracticeExample.objects.filter(guide=again, key="pa-matching").update(
            outcomes="Ring 07700 900123."
        )
        command("build_guide", "--guide", SECOND, "--no-pdf")


def test_an_example_cannot_take_a_theme_of_another_guide(tmp_path, client):
    second = second_guide(tmp_path)
    example = PracticeExample.objects.get(guide__slug="living-well", key="village-agents")
    foreign = second.themes.get(name=example.theme.name)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_guide_practiceexample:edit", args=[example.pk])
    response = client.post(url, example_data(example, theme=foreign.pk))
    assert response.status_code == 200
    assert "belongs to “North Vale compendium”" in response.content.decode()
    example.refresh_from_db()
    assert example.theme.guide.slug == "living-well"
    # A list count that is not a count at all is refused, not read as "empty".
    data = example_data(example)
    data["contacts-count"] = "-1"
    response = client.post(url, data)
    assert (
        response.status_code == 200 and "This list could not be read" in response.content.decode()
    )


def test_reimport_leaves_a_guide_its_editors_took_offline_offline(tmp_path):
    folder = compendium(tmp_path)
    command("import_practice_examples", str(folder))
    guide = GuidePage.objects.get(slug=SECOND)
    guide.editors = "Changed in the admin"
    guide.save_revision().publish()
    guide.unpublish()
    command("import_practice_examples", str(folder))
    guide.refresh_from_db()
    assert not guide.live


def test_importing_into_another_guide_says_the_collection_moves(tmp_path):
    folder = compendium(tmp_path)
    command("import_practice_examples", str(folder))
    out = command("import_practice_examples", str(folder), "--guide", "living-well", "--dry-run")
    assert "This collection was imported into “North Vale compendium” before" in out
    assert "would now go into “Living well in later life – a practical guide”" in out


def test_import_can_make_a_programmes_guide(tmp_path):
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    command("import_practice_examples", str(compendium(tmp_path)), "--programme", programme.slug)
    assert GuidePage.objects.get(slug=SECOND).programme == programme
    with pytest.raises(CommandError, match="There is no programme “nowhere”"):
        command(
            "import_practice_examples", str(compendium(tmp_path / "b")), "--programme", "nowhere"
        )


def test_the_check_links_only_to_screens_the_publisher_may_open(client):
    from django.contrib.auth.models import Permission

    PracticeExample.objects.filter(guide__slug="living-well", key="pa-matching").update(
        outcomes="Call 07700 900123."
    )
    team = f.add_programme_role(
        ProgrammePage.objects.get(slug="living-well-in-later-life"), ProgrammeRole.TEAM
    )
    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(team)
    demo = GuidePage.objects.get(slug="living-well")
    page = client.get(reverse("guide_publish", args=[demo.pk])).content.decode()
    assert "07700 900123" in page
    assert (
        "wagtailsnippets" not in page and "/admin/snippets/guide/practiceexample/edit" not in page
    )
    assert "Ask someone who edits it" in page


def test_the_old_address_refuses_to_climb_out_of_the_guide(client, guide_dirs):
    command("build_guide", "--no-pdf")
    assert client.get("/guide/..%2f..%2fetc/passwd").status_code == 404
    assert client.get("/guide/../x").status_code == 404


def test_a_guide_renamed_and_renamed_back_never_serves_a_build_made_before(
    guide_dirs, settings, client
):
    """Built as "living-well", renamed and built again (as a withdrawal would rebuild it), then
    given its old slug back: the folder under the old name went with the new build, so the
    old words are not served again; the guide is "not built" until it is built."""
    _, site = guide_dirs
    command("build_guide", "--no-pdf")
    guide = GuidePage.objects.get(slug="living-well")
    assert guide.is_built and (site / "index.html").exists()
    guide.slug = "living-well-renamed"
    guide.save_revision().publish()
    said = command("build_guide", "--guide", "living-well-renamed", "--no-pdf")
    assert not site.exists(), (said, list(site.parent.iterdir()))
    assert (site.parent / "living-well-renamed" / "index.html").exists()
    guide.slug = "living-well"
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert not guide.is_built
    assert client.get("/guides/living-well/chapters/getting-started.html").status_code == 404
