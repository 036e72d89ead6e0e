"""Each page's query count stays the same when the data grows (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.models import MilestoneReport, ProgrammeRole
from tests import factories as f


def grow(programme, localities, per_locality):
    milestone = programme.milestones.get()
    for _ in range(localities):
        locality = f.make_locality(programme)
        author = f.add_member(locality)
        for j in range(per_locality):
            f.make_entry(locality, author)
            f.make_action(locality, owner=author, due_date=datetime.date(2026, 1, 1 + j % 27))
            MilestoneReport.objects.create(
                locality=locality,
                milestone=milestone,
                value=j,
                reported_on=datetime.date(2026, 1, 1 + j % 27),
            )


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_data(client):
    programme = f.make_programme()
    home = f.make_locality(programme, "Home locality")
    lead = f.add_member(home, role="commissioner", lead=True)
    admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    for _ in range(2):
        f.make_entry(home, lead)
        f.make_action(home, owner=lead)

    def measure():
        client.force_login(lead)
        counts = {
            "workspace home": count(client, reverse("workspace:home", args=[home.slug])),
            "log": count(client, reverse("workspace:log", args=[home.slug])),
            "actions": count(client, reverse("workspace:actions", args=[home.slug])),
            "milestones": count(client, reverse("workspace:milestones", args=[home.slug])),
        }
        client.force_login(admin)
        counts["dashboard"] = count(client, reverse("workspace:dashboard", args=[programme.slug]))
        client.logout()
        counts["programme"] = count(client, programme.url)
        counts["locality summary"] = count(client, home.url)
        counts["home"] = count(client, "/")
        return counts

    small = measure()
    grow(programme, localities=2, per_locality=3)
    for _ in range(25):  # more than a page of entries and actions in the home locality
        f.make_entry(home, lead)
        f.make_action(home, owner=lead, due_date=datetime.date(2026, 2, 1))
    large = measure()
    assert small == large
    assert max(large.values()) <= 20, large


@pytest.mark.django_db
def test_story_pages_query_counts_do_not_grow(client):
    from engagement.models import Story
    from engagement.stories import learning as story_learning

    programme = f.make_programme()
    home = f.make_locality(programme)
    lead = f.add_member(home, lead=True)
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    inquiry = f.make_inquiry(home)
    strengths = list(inquiry.strengths.all())

    def grow_stories(n):
        start = inquiry.themes.count()
        themes = [inquiry.themes.create(name=f"Theme {start + i}") for i in range(2)]
        for i in range(n):
            story = f.make_story(
                inquiry, status=Story.PUBLISHABLE, strengths=strengths[: 1 + i % 3], email=""
            )
            story_learning.code_story(story, [t.pk for t in themes], by=lead)
        proposition = story_learning.add_proposition(
            inquiry, text="More of it", theme_ids=[themes[0].pk], by=lead
        )
        story_learning.action_from_proposition(proposition, locality=home, title="Do it", by=lead)

    def measure():
        client.force_login(lead)
        counts = {
            name: count(client, reverse(url, args=[inquiry.pk]))
            for name, url in (
                ("analysis", "inquiries:analysis"),
                ("stories", "inquiries:stories"),
                ("report", "inquiries:report"),
                ("csv", "inquiries:csv"),
            )
        }
        client.force_login(staff)
        counts["moderation queue"] = count(client, reverse("story_moderation:index"))
        client.logout()
        counts["inquiry page"] = count(client, inquiry.url)
        return counts

    grow_stories(3)
    small = measure()
    grow_stories(40)
    large = measure()
    assert small == large, (small, large)
