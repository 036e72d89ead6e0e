"""The programme page: its query count does not grow with localities, phases and milestones,
and its cached content changes as soon as anything it shows changes."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from engagement.models import Milestone
from tests import factories as f


def programme_of(size):
    day = datetime.date(2026, 1, 1)
    phases = [
        (
            f"Phase {i}",
            day + datetime.timedelta(days=10 * i),
            day + datetime.timedelta(days=10 * i + 9),
        )
        for i in range(size)
    ]
    programme = f.make_programme(phases=phases, milestones=False)
    for i in range(size):
        programme.milestones.add(
            Milestone(
                title=f"Milestone {i}", unit="%", target=Decimal(i), due_date=day, sort_order=i
            )
        )
    programme.save_revision().publish()
    for _ in range(size):
        f.make_locality(programme)
    return programme


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


@pytest.mark.django_db
def test_query_count_is_the_same_for_3_and_30_localities_phases_and_milestones(client):
    counts = {}
    for size in (3, 30):
        programme = programme_of(size)
        cache.clear()
        client.get("/")  # the site's root paths, cached for every page alike
        cold, html = get(client, programme.url)
        warm, again = get(client, programme.url)
        assert html.count('class="card"') == size
        assert html.count("Milestone ") >= size
        assert again == html
        counts[size] = (cold, warm)
    assert counts[3] == counts[30], counts
    assert counts[30][1] < counts[30][0], "the second visit reads the cached content"


@pytest.fixture
def shown(db, client):
    """A programme with one locality, its page already cached; shown() reads it again."""
    programme = f.make_programme()
    locality = f.make_locality(programme, "Ashcombe")
    client.get(programme.url)

    def read():
        return client.get(programme.url).content.decode()

    read.programme = programme
    read.locality = locality
    assert "Ashcombe" in read()
    return read


def test_a_newly_published_locality_appears(shown):
    f.make_locality(shown.programme, "Brookfield")
    assert "Brookfield" in shown()


def test_a_renamed_locality_appears_once_published_not_as_a_draft(shown):
    locality = shown.locality
    locality.title = "Ashcombe and District"
    locality.save_revision()
    assert "Ashcombe and District" not in shown()
    locality.get_latest_revision().publish()
    assert "Ashcombe and District" in shown()


def test_an_unpublished_locality_disappears(shown):
    shown.locality.unpublish()
    assert "Ashcombe" not in shown()


def test_a_deleted_locality_disappears(shown):
    shown.locality.delete()
    assert "Ashcombe" not in shown()


def test_a_locality_made_private_disappears(shown):
    PageViewRestriction.objects.create(
        page=shown.locality, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Ashcombe" not in shown()


def test_a_locality_moved_to_another_programme_disappears(shown):
    other = f.make_programme("Other")
    shown.locality.move(other, pos="last-child")
    assert "Ashcombe" not in shown()


def test_a_milestone_changed_with_the_programme_appears(shown):
    programme = shown.programme.get_latest_revision_as_object()
    programme.milestones.all()[0].title = "People living at home"
    programme.save_revision().publish()
    assert "People living at home" in shown()


def test_a_milestone_saved_on_its_own_appears(shown):
    milestone = shown.programme.milestones.get()
    milestone.title = "Saved on its own"
    milestone.save()
    assert "Saved on its own" in shown()


def test_the_current_phase_follows_the_day(shown, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 2, 1))
    assert "We are in the phase <strong>Finding out</strong>" in shown()
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 8, 1))
    assert "We are in the phase <strong>Making it happen</strong>" in shown()


@pytest.mark.django_db
def test_a_preview_shows_the_editors_changes_and_never_reaches_the_public(client):
    cache.clear()
    programme = f.make_programme()
    live_title = programme.title
    for draft_title in ("Living Well, draft one", "Living Well, draft two"):
        programme.title = draft_title
        # The same host as the public request, so only the preview itself tells them apart.
        original = RequestFactory().get("/", HTTP_HOST="testserver")
        original.user = AnonymousUser()
        preview = programme.make_preview_request(original_request=original)
        preview.render()
        assert f"<h1>{draft_title}</h1>" in preview.content.decode()
        public = client.get(programme.url).content.decode()
        assert draft_title not in public and f"<h1>{live_title}</h1>" in public
