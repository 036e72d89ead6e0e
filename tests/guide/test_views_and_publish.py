"""Public practice-example pages, the served guide, and the admin Publish guide screen."""

import pytest
from django.urls import reverse

from engagement.models import ProgrammePage, ProgrammeRole
from guide.models import GuideBuild, GuidePage, PracticeExample
from tests import factories as f

pytestmark = pytest.mark.usefixtures("demo_db")


def demo_guide():
    return GuidePage.objects.get(slug="living-well")


def publish_url():
    return reverse("guide_publish", args=[demo_guide().pk])


def test_examples_listed_by_theme_each_with_a_page(client):
    assert "Living well in later life" in client.get(reverse("guide:examples")).content.decode()
    html = client.get(reverse("guide:guide_examples", args=["living-well"])).content.decode()
    assert html.index("Developing choice and control") < html.index(
        "Efficiencies and sustainability"
    )
    assert "Village agents for personal budgets" in html
    page = client.get(
        reverse("guide:example", args=["living-well", "village-agents"])
    ).content.decode()
    assert "41 older people" in page and "jo.example@example.org" not in page
    theme = client.get(
        reverse("guide:theme", args=["living-well", "engagement-and-co-production"])
    ).content.decode()
    assert "Experts by experience check every leaflet" in theme
    assert (
        client.get(reverse("guide:example", args=["living-well", "no-such-example"])).status_code
        == 404
    )


def test_guide_not_built_yet_says_so(client, guide_dirs):
    response = client.get("/guides/living-well/")
    assert response.status_code == 404
    assert "has not been published yet" in response.content.decode()
    # /guide/ leads to the list of guides while none is built, which says none is published.
    listing = client.get("/guide/", follow=True)
    assert listing.redirect_chain[-1][0] == "/guides/"
    assert "No guide has been published yet" in listing.content.decode()


def test_publish_from_the_admin_runs_the_task_and_records_progress(client, guide_dirs):
    _, site = guide_dirs
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    team = f.add_programme_role(programme, ProgrammeRole.TEAM)
    team.is_staff = True
    team.save()
    from django.contrib.auth.models import Permission

    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(team)
    page = client.get(publish_url())
    assert page.status_code == 200 and "Publish guide" in page.content.decode()
    response = client.post(publish_url(), {})
    assert response.status_code == 302
    build = GuideBuild.objects.get()
    assert build.status == GuideBuild.DONE and build.progress == 100, build.message
    assert build.requested_by == team
    assert (site / "index.html").exists()
    assert client.get("/guide/")["Location"] == "/guides/living-well/"
    served = client.get("/guides/living-well/")
    assert served.status_code == 200 and b"Living well in later life" in b"".join(
        served.streaming_content
    )
    example = client.get("/guides/living-well/examples/village-agents.html")
    assert b"41 older people" in b"".join(example.streaming_content)
    assert client.get("/guides/living-well/../../etc/passwd").status_code == 404
    assert client.get("/guides/living-well/%2e%2e/db.sqlite3").status_code == 404
    assert client.get("/guides/living-well/%2e%2e/no-such-file").status_code == 404


def test_failed_publish_is_shown_with_its_reason(client, guide_dirs):
    PracticeExample.objects.filter(key="pa-matching").update(approach="Email a@b.example.org")
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.post(publish_url(), {})
    build = GuideBuild.objects.get()
    assert build.status == GuideBuild.FAILED
    assert "email address “a@b.example.org”" in build.message
    assert "email address" in client.get(publish_url()).content.decode()


def test_a_build_cut_short_by_a_killed_worker_does_not_hold_the_screen(client, guide_dirs):
    import datetime

    from django.utils import timezone

    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    build = GuideBuild.objects.create(guide=demo_guide(), status=GuideBuild.RUNNING)
    assert "This page updates itself" in client.get(publish_url()).content.decode()
    GuideBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    page = client.get(publish_url()).content.decode()
    assert "This page updates itself" not in page and 'http-equiv="refresh"' not in page


def test_publishing_again_while_a_build_is_under_way_is_refused(client, guide_dirs):
    """Two builds of one guide at once would race to publish: the second is refused until
    the first finishes (or is an hour old, cut short)."""
    import datetime

    from django.utils import timezone

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    running = GuideBuild.objects.create(guide=demo_guide(), status=GuideBuild.RUNNING)
    page = client.post(publish_url(), {}, follow=True).content.decode()
    assert "is already being published" in page
    assert list(GuideBuild.objects.all()) == [running]
    GuideBuild.objects.filter(pk=running.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.post(publish_url(), {})
    assert GuideBuild.objects.filter(status=GuideBuild.DONE).count() == 1


def test_a_build_queued_too_long_says_the_worker_may_be_stopped(client, guide_dirs):
    import datetime

    from django.utils import timezone

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    build = GuideBuild.objects.create(guide=demo_guide(), status=GuideBuild.QUEUED)
    assert "may be stopped" not in client.get(publish_url()).content.decode()
    GuideBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    assert "Still waiting for the background worker" in client.get(publish_url()).content.decode()


def test_only_programme_staff_may_publish(client, guide_dirs):
    member = f.UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member)
    response = client.post(publish_url(), {})
    # Wagtail answers a refusal in the admin by sending the person back to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not GuideBuild.objects.exists()


def test_progress_entry_shows_where_it_was_used_in_the_guide(client):
    from engagement.models import LocalityMembership, ProgressEntry
    from guide.trace import chapters_using_entry

    lead = LocalityMembership.objects.get(locality__slug="brindle-moor", is_lead=True).user
    chapter_entries = [
        e
        for e in ProgressEntry.objects.filter(locality__slug="brindle-moor")
        if chapters_using_entry(e)
    ]
    assert chapter_entries
    client.force_login(lead)
    html = client.get(
        reverse("workspace:entry", args=["brindle-moor", chapter_entries[0].pk])
    ).content.decode()
    assert "Guide chapter “Planning support that fits a life”" in html


def test_only_staff_of_every_programme_in_the_guide_may_publish_it(client, guide_dirs):
    from django.contrib.auth.models import Permission

    from guide.permissions import programmes_in_guide

    demo = ProgrammePage.objects.get(slug="living-well-in-later-life")
    assert programmes_in_guide(demo_guide()) == {demo.pk}
    other = f.make_programme("Another Programme")
    outsider = f.add_programme_role(other, ProgrammeRole.ADMIN)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    # Refused (Wagtail sends refusals back to the dashboard with a message), nothing built.
    assert client.get(publish_url()).status_code in (302, 403)
    assert client.post(publish_url(), {}).status_code in (302, 403)
    assert not GuideBuild.objects.exists()
    # Once the guide also holds the other programme's work, the demo's team alone cannot
    # publish it either; someone on the staff of both can.
    example = PracticeExample.objects.first()
    example.locality = f.make_locality(other)
    example.save()
    team = f.add_programme_role(demo, ProgrammeRole.TEAM)
    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(team)
    assert client.get(publish_url()).status_code in (302, 403)
    f.add_programme_role(other, ProgrammeRole.TEAM, user=team)
    assert client.get(publish_url()).status_code == 200


def test_publish_screen_lists_what_the_gate_would_refuse_and_publishes_the_rest(client, guide_dirs):
    _, site = guide_dirs
    PracticeExample.objects.filter(key="pa-matching").update(outcomes="Call Sam on 07700 900123.")
    example = PracticeExample.objects.get(key="pa-matching")
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    page = client.get(publish_url()).content.decode()
    assert "1 item would be left out of the guide" in page
    assert "Matching personal assistants on shared interests" in page
    assert "it contains a phone number “07700 900123”" in page
    edit = reverse("wagtailsnippets_guide_practiceexample:edit", args=[example.pk])
    assert f'href="{edit}"' in page
    assert "Publish the rest" in page
    client.post(publish_url(), {"skip_refused": "1"})
    build = GuideBuild.objects.get()
    assert build.status == GuideBuild.DONE, build.message
    assert "pa-matching" in build.message  # the skipped example is named
    assert (site / "index.html").exists()
    assert not (site / "examples" / "pa-matching.html").exists()
    # Once fixed, the check is clear.
    PracticeExample.objects.filter(key="pa-matching").update(outcomes="It worked.")
    assert "Nothing would be left out" in client.get(publish_url()).content.decode()


def test_publish_screen_names_a_quote_that_would_be_left_out(client, guide_dirs):
    """A quoted story moved to "learning only" after the chapter was written: the build leaves
    the quote out, and the check before publishing says so first."""
    from engagement.models import Story
    from guide.models import GuideChapterPage

    quoted = {
        block.value["story"].pk
        for chapter in GuideChapterPage.objects.live()
        for block in chapter.body
        if block.block_type == "story_quote" and block.value["story"]
    }
    story = Story.objects.get(pk=min(quoted))
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    assert "Nothing would be left out" in client.get(publish_url()).content.decode()
    Story.objects.filter(pk=story.pk).update(status=Story.LEARNING_ONLY)
    page = client.get(publish_url()).content.decode()
    assert "Nothing would be left out" not in page
    assert f"story {story.reference}" in page and "not approved for publication" in page
    moderate = reverse("story_admin:moderate", args=[story.pk])
    assert f'href="{moderate}"' in page
