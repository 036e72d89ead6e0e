"""The development plan's priorities as records, linked to milestones and actions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.models import Action, MilestoneReport, Priority, ProgrammeRole
from engagement.workspace import services
from tests import factories as f


@pytest.fixture
def place(db):
    programme = f.make_programme()
    locality, other = f.make_locality(programme), f.make_locality(programme)
    return {
        "programme": programme,
        "locality": locality,
        "other": other,
        "member": f.add_member(locality, role="carer"),
        "evaluator": f.add_programme_role(programme, ProgrammeRole.EVALUATOR),
    }


def test_priority_links_milestones_figures_and_actions(place, client):
    locality, member = place["locality"], place["member"]
    milestone = place["programme"].milestones.get()
    client.force_login(member)
    response = client.post(
        reverse("workspace:priority_new", args=[locality.slug]),
        {"title": "Paid work for ten people", "milestones": [milestone.pk]},
    )
    assert response.status_code == 302
    priority = Priority.objects.get(locality=locality)
    assert list(priority.milestones.all()) == [milestone]
    MilestoneReport.objects.create(
        locality=locality, milestone=milestone, value=4, reported_on=datetime.date(2026, 9, 1)
    )
    action = client.post(
        reverse("workspace:action_new", args=[locality.slug]),
        {"title": "Ask the garden centre", "status": "open", "priority": priority.pk},
    )
    assert action.status_code == 302
    assert Action.objects.get(title="Ask the garden centre").priority == priority
    html = client.get(reverse("workspace:priorities", args=[locality.slug])).content.decode()
    assert "Paid work for ten people" in html and "Ask the garden centre" in html
    assert "<strong>4%</strong> on 1 Sep 2026" in html and "1 open, 0 done" in html


def test_another_localitys_priority_or_programmes_milestone_cannot_be_linked(place, client):
    foreign = Priority.objects.create(locality=place["other"], title="Theirs")
    other_programme = f.make_programme()
    client.force_login(place["member"])
    bad = client.post(
        reverse("workspace:action_new", args=[place["locality"].slug]),
        {"title": "Sneaky", "status": "open", "priority": foreign.pk},
    )
    assert bad.status_code == 400 and not Action.objects.filter(title="Sneaky").exists()
    bad = client.post(
        reverse("workspace:priority_new", args=[place["locality"].slug]),
        {"title": "Mine", "milestones": [other_programme.milestones.get().pk]},
    )
    assert bad.status_code == 400 and not Priority.objects.filter(title="Mine").exists()
    assert b'value="Mine"' in bad.content
    assert (
        client.get(
            reverse("workspace:priority_edit", args=[place["locality"].slug, foreign.pk])
        ).status_code
        == 404
    )


def test_evaluator_reads_priorities_but_changes_nothing(place, client):
    Priority.objects.create(locality=place["locality"], title="Day centre users plan")
    client.force_login(place["evaluator"])
    page = client.get(reverse("workspace:priorities", args=[place["locality"].slug]))
    assert page.status_code == 200 and b"Day centre users plan" in page.content
    assert b"Add a priority" not in page.content
    new = reverse("workspace:priority_new", args=[place["locality"].slug])
    assert client.post(new, {"title": "No"}).status_code == 404
    outsider = f.add_member(place["other"], role="carer")
    client.force_login(outsider)
    assert (
        client.get(reverse("workspace:priorities", args=[place["locality"].slug])).status_code
        == 404
    )


def test_removing_a_priority_keeps_its_actions(place):
    priority = services.save_priority(
        locality=place["locality"], data={"title": "P"}, milestones=[]
    )
    action = f.make_action(place["locality"], priority=priority)
    services.delete_priority(priority=priority)
    action.refresh_from_db()
    assert action.priority is None


def test_removing_a_priority_asks_first_and_says_what_stays(place, client):
    locality, member = place["locality"], place["member"]
    milestone = place["programme"].milestones.get()
    priority = services.save_priority(
        locality=locality, data={"title": "Paid work"}, milestones=[milestone]
    )
    action = f.make_action(locality, priority=priority, title="Ask the garden centre")
    client.force_login(member)
    edit = client.get(reverse("workspace:priority_edit", args=[locality.slug, priority.pk]))
    url = reverse("workspace:priority_remove", args=[locality.slug, priority.pk])
    assert url in edit.content.decode()
    # Posting the edit form as the old removal button did removes nothing.
    client.post(
        reverse("workspace:priority_edit", args=[locality.slug, priority.pk]), {"delete": "1"}
    )
    assert Priority.objects.filter(pk=priority.pk).exists()

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Remove the priority “Paid work”?" in html
    assert milestone.title in html and "Ask the garden centre" in html
    assert "These actions stay" in html and "These milestones stay" in html
    assert Priority.objects.filter(pk=priority.pk).exists()

    done = client.post(url)
    assert done.status_code == 302
    assert done.url == reverse("workspace:priorities", args=[locality.slug])
    assert not Priority.objects.filter(pk=priority.pk).exists()
    action.refresh_from_db()
    assert action.priority is None
    assert milestone.pk in set(place["programme"].milestones.values_list("pk", flat=True))


def test_only_those_who_edit_the_plan_may_remove_a_priority(place, client):
    priority = Priority.objects.create(locality=place["locality"], title="Keep me")
    url = reverse("workspace:priority_remove", args=[place["locality"].slug, priority.pk])
    for someone in (place["evaluator"], f.add_member(place["other"], role="carer")):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    client.logout()
    assert client.post(url).status_code in (302, 404)
    # Another locality's priority cannot be reached through this locality's address.
    client.force_login(place["member"])
    foreign = Priority.objects.create(locality=place["other"], title="Theirs")
    wrong = reverse("workspace:priority_remove", args=[place["locality"].slug, foreign.pk])
    assert client.post(wrong).status_code == 404
    assert Priority.objects.filter(title__in=["Keep me", "Theirs"]).count() == 2


def test_priorities_from_plan_text_do_not_repeat(place):
    services.priorities_from_text(locality=place["locality"], text="One\n\nTwo\nOne")
    services.priorities_from_text(locality=place["locality"], text="One\nTwo")
    assert list(Priority.objects.values_list("title", flat=True)) == ["One", "Two"]


def test_priorities_page_query_count_does_not_grow(place, client):
    locality, milestone = place["locality"], place["programme"].milestones.get()
    client.force_login(place["member"])
    url = reverse("workspace:priorities", args=[locality.slug])

    def grow(n):
        for i in range(n):
            p = services.save_priority(
                locality=locality, data={"title": f"P{i}"}, milestones=[milestone]
            )
            f.make_action(locality, priority=p, owner=place["member"])
            f.make_action(locality, priority=p, status=Action.DONE)
            MilestoneReport.objects.create(
                locality=locality,
                milestone=milestone,
                value=i,
                reported_on=datetime.date(2026, 9, 1),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    grow(2)
    small = count()
    grow(10)
    assert count() == small


def test_a_new_line_in_the_plan_becomes_a_priority(place, client):
    from engagement.models import DevelopmentPlan

    client.force_login(place["member"])
    plan, _ = DevelopmentPlan.objects.get_or_create(locality=place["locality"])
    client.post(
        reverse("workspace:plan", args=[place["locality"].slug]),
        {"version": plan.version, "priorities": "Paid work\nShared transport", "proposals": ""},
    )
    assert set(Priority.objects.values_list("title", flat=True)) == {
        "Paid work",
        "Shared transport",
    }


def test_a_plan_line_too_long_for_a_priority_is_refused_not_cut(place, client):
    """A line past a priority's 200 characters: said so, with the line's number; the plan
    as typed kept, nothing saved (before, it became a priority cut at 200)."""
    from engagement.models import DevelopmentPlan

    client.force_login(place["member"])
    plan, _ = DevelopmentPlan.objects.get_or_create(locality=place["locality"])
    long = "Shared transport to the day centre " * 7
    refused = client.post(
        reverse("workspace:plan", args=[place["locality"].slug]),
        {"version": plan.version, "priorities": f"Paid work\n{long}", "proposals": "Ask"},
    )
    html = refused.content.decode()
    assert refused.status_code == 400 and "There is a problem" in html
    assert f"Line 2 is {len(long.strip())} characters long" in html
    assert long.strip() in html and "Ask" in html
    assert not Priority.objects.exists()
    plan.refresh_from_db()
    assert plan.priorities == ""


@pytest.mark.django_db
def test_every_figure_reported_carries_its_unit(client):
    """A figure is shown as its target is ("7.6%" beside "10%"), on the workspace home and
    on the milestones page."""

    programme = f.make_programme()
    locality = f.make_locality(programme)
    milestone = programme.milestones.first()
    MilestoneReport.objects.create(
        locality=locality, milestone=milestone, value="7.60", reported_on=datetime.date(2026, 9, 1)
    )
    client.force_login(f.add_member(locality))
    for name in ("workspace:home", "workspace:milestones"):
        html = client.get(reverse(name, args=[locality.slug])).content.decode()
        assert "7.6%" in html and "7.60" not in html, name


def test_each_records_page_has_a_title_of_its_own(place, client):
    """Two entries, two actions, a filtered list: each page's title says which it is (a
    screen reader's list of tabs, a browser's history), not one title for all."""
    import re

    from engagement.models import ProgressEntry

    locality, member = place["locality"], place["member"]
    first = f.make_entry(locality, member, entry_date=datetime.date(2026, 11, 2))
    second = f.make_entry(locality, member, entry_date=datetime.date(2026, 11, 9))
    one, two = (
        f.make_action(locality, title="Book the library"),
        f.make_action(locality, title="Ask the bus company"),
    )
    client.force_login(member)

    def title(url):
        return re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S)[1]

    slug = locality.slug
    titles = [
        title(reverse("workspace:entry", args=[slug, first.pk])),
        title(reverse("workspace:entry", args=[slug, second.pk])),
        title(reverse("workspace:entry_edit", args=[slug, first.pk])),
        title(reverse("workspace:action_edit", args=[slug, one.pk])),
        title(reverse("workspace:action_edit", args=[slug, two.pk])),
        title(reverse("workspace:log", args=[slug])),
        title(reverse("workspace:log", args=[slug]) + "?show=drafts"),
        title(reverse("workspace:actions", args=[slug])),
        title(reverse("workspace:actions", args=[slug]) + "?status=done"),
    ]
    assert len(set(titles)) == len(titles), titles
    assert titles[0].startswith("Progress entry of 2 November 2026 by ")
    assert "Book the library" in titles[3] and "my drafts" in titles[6]
    assert ProgressEntry.objects.count() == 2
