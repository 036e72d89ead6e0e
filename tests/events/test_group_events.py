"""Events for a closed group: open to the members of chosen working groups, and listed in the
group's space as its meetings."""

import datetime

import pytest
from django.urls import reverse

from engagement.models import GroupMembership, WorkingGroup
from events import services
from events.models import EventPage, Registration
from tests import factories as f


@pytest.fixture
def setting(db):
    programme = f.make_programme()
    a, b = f.make_locality(programme), f.make_locality(programme)
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs.")
    member = f.add_member(b, role="carer")
    GroupMembership.objects.create(group=group, user=member)
    start = f.morning(20)
    event = EventPage(
        title="Employment group meeting",
        kind="task_and_finish",
        purpose="Plan the job trials.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=10,
        open_to=EventPage.LOCALITIES,
        group=group,
    )
    programme.add_child(instance=event)
    event.open_groups.add(group)
    event.open_localities.add(a)
    event.save_revision().publish()
    event.refresh_from_db()
    return {"event": event, "group": group, "member": member, "a": a, "b": b}


def test_group_members_and_chosen_teams_may_book_others_may_not(setting):
    event = setting["event"]
    member, outsider = setting["member"], f.add_member(setting["b"], role="provider")
    from_a = f.add_member(setting["a"], role="carer")
    assert event.booking_refusal(member.email, member) is None
    assert event.booking_refusal(from_a.email, from_a) is None
    refusal = event.booking_refusal(outsider.email, outsider)
    assert (
        refusal == f"This event is for the {setting['a'].title} team and the Employment group only."
    )
    assert "sign in to book a place" in event.booking_refusal("", None)


def test_someone_not_signed_in_is_offered_a_sign_in_link(setting, client):
    event = setting["event"]
    html = client.get(f"/events/{event.pk}/register/").content.decode()
    assert f'href="/accounts/login/?next=/events/{event.pk}/register/"' in html


def test_a_removed_group_member_can_no_longer_book(setting, client):
    event, member = setting["event"], setting["member"]
    GroupMembership.objects.filter(user=member).delete()
    client.force_login(member)
    response = client.get(f"/events/{event.pk}/register/")
    assert b"This event is for" in response.content
    assert not Registration.objects.exists()
    assert hasattr(services, "register")


def test_the_meeting_is_listed_in_the_groups_space(setting, client):
    client.force_login(setting["member"])
    html = client.get(f"/workspace/groups/{setting['group'].pk}/").content.decode()
    assert "Employment group meeting" in html and "Meetings" in html


def test_what_a_group_meeting_agrees_goes_on_the_groups_list_and_stays_inside(setting, client):
    from django.urls import reverse

    from engagement.models import Action, ProgrammeRole

    event, group, member = setting["event"], setting["group"], setting["member"]
    programme = event.get_parent().specific
    organiser = f.add_programme_role(programme, ProgrammeRole.TEAM)
    client.force_login(organiser)
    url = reverse("events:record", args=[event.pk])
    page = client.get(url).content.decode()
    assert "actions go on the group's own list" in page
    assert 'name="locality"' not in page  # no locality's list to choose
    outsider = f.add_member(setting["a"], role="carer")
    refused = client.post(url, {"form": "action", "title": "Ring Acme", "owner": outsider.pk})
    assert refused.status_code == 400 and "Choose one of the group" in refused.content.decode()
    client.post(url, {"form": "action", "title": "Ring Acme", "owner": member.pk})
    action = Action.objects.get()
    assert (action.group, action.locality, action.owner, action.source) == (
        group,
        None,
        member,
        event,
    )
    # The next meeting in the series shows nothing of it to the public.
    EventPage.objects.filter(pk=event.pk).update(series="employment")
    start = event.starts_at + datetime.timedelta(days=30)
    following = EventPage(
        title="Employment group, next meeting",
        kind="task_and_finish",
        purpose="Hear how the calls went.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=10,
        series="employment",
        group=group,
    )
    programme.add_child(instance=following)
    following.save_revision().publish()
    client.logout()
    public = client.get(following.url).content.decode()
    assert "Employment group, next meeting" in public and "Ring Acme" not in public
    # A closed group's meeting takes no new actions.
    admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    from engagement.people import services as people_services

    people_services.close_group(by=admin, group=group, report="Done.", is_learning=False)
    client.force_login(organiser)
    closed = client.get(url).content.decode()
    assert "which has closed" in closed and 'name="title"' not in closed
    client.post(url, {"form": "action", "title": "Late"})
    assert not Action.objects.filter(title="Late").exists()


def _edit(client, event, **groups):
    """Post the Wagtail admin's edit form of the event, publishing, with these groups."""
    from tests.events.test_locality_places import event_form

    form = event_form(event, [], capacity=event.capacity)
    form.update(
        {
            "open_to": EventPage.LOCALITIES,
            "open_localities": [str(loc.pk) for loc in event.open_localities.all()],
            **groups,
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), form)


def _as_saved(event):
    event = EventPage.objects.get(pk=event.pk)
    return (
        {g.pk for g in event.open_groups.all()},
        event.group_id,
        event.revisions.count(),
        event.latest_revision.content.get("open_groups"),
    )


def test_the_admin_edit_form_refuses_another_programmes_or_a_closed_group(setting, client):
    event, group = setting["event"], setting["group"]
    theirs = WorkingGroup.objects.create(
        programme=f.make_programme(title="Another programme"), name="Theirs", remit="Elsewhere."
    )
    closed = WorkingGroup.objects.create(
        programme=event.get_parent().specific,
        name="Pooled budgets",
        remit="Budgets.",
        closed_on=datetime.date(2026, 3, 31),
    )
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    # The edit page shows the event's open group (not a chooser of closed groups' reports).
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert edit.status_code == 200 and "choose-a-group-report" not in edit.content.decode()
    before = _as_saved(event)
    for groups, message in [
        (
            {"open_groups": [str(group.pk), str(theirs.pk)]},
            "Theirs is not a group of this programme.",
        ),
        ({"group": str(theirs.pk)}, "Theirs is not a group of this programme."),
        (
            {"open_groups": [str(group.pk), str(closed.pk)]},
            "Pooled budgets closed on 31 March 2026: choose a group that is still open.",
        ),
        (
            {"group": str(closed.pk)},
            "Pooled budgets closed on 31 March 2026: choose a group that is still open.",
        ),
    ]:
        groups.setdefault("open_groups", [str(group.pk)])
        response = _edit(client, event, **groups)
        assert response.status_code == 200, groups
        html = response.content.decode()
        assert message in html, message
        assert "The page could not be saved due to validation errors" in html
        assert _as_saved(event) == before, groups


def test_a_group_chosen_before_it_closed_may_stay_when_the_event_is_edited(setting, client):
    event, group = setting["event"], setting["group"]
    WorkingGroup.objects.filter(pk=group.pk).update(closed_on=datetime.date(2026, 3, 31))
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    response = _edit(client, event, open_groups=[str(group.pk)], group=str(group.pk))
    assert response.status_code == 302
    assert _as_saved(event)[:2] == ({group.pk}, group.pk)
