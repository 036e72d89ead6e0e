"""A working group's actions: the same Action records as a locality's, on the group's own
list. Who may add and change them is the group matrix (test_groups.py); here, what the list
does with good and bad input, a closed group, and the doors around it."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from engagement.models import Action, GroupMembership, ProgrammeRole, WorkingGroup
from engagement.people import services
from engagement.workspace import services as workspace_services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    programme = f.make_programme()
    north, south = f.make_locality(programme), f.make_locality(programme)
    admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs.")
    convener = f.add_member(north, role="provider")
    member = f.add_member(south, role="carer")
    GroupMembership.objects.create(group=group, user=convener, role=GroupMembership.CONVENER)
    GroupMembership.objects.create(group=group, user=member)
    return {
        "programme": programme,
        "north": north,
        "admin": admin,
        "group": group,
        "convener": convener,
        "member": member,
    }


def new_url(group):
    return reverse("people:group_action_new", args=[group.pk])


def test_a_member_adds_an_action_with_an_owner_from_another_locality(setup, client):
    group, member = setup["group"], setup["member"]
    client.force_login(setup["convener"])
    response = client.post(
        new_url(group),
        {
            "title": "Ring the garden centre",
            "description": "About the work trial.",
            "owner": member.pk,
            "due_date": "2027-03-31",
            "status": "open",
        },
    )
    assert response.status_code == 302
    action = group.actions.get()
    assert (action.owner, action.locality, action.created_by) == (
        member,
        None,
        setup["convener"],
    )
    home = client.get(reverse("people:group", args=[group.pk])).content.decode()
    assert "Ring the garden centre" in home and member.display_name in home
    # In plain words: what the group is for, and who runs it.
    assert "<dt>What the group is for</dt>" in home and "(convener: runs the group)" in home
    # It is the group's, not a locality's: no locality's list shows it.
    listing = client.get(reverse("workspace:actions", args=[setup["north"].slug]))
    assert "Ring the garden centre" not in listing.content.decode()


def test_the_owner_must_be_in_the_group_and_bad_input_keeps_what_was_typed(setup, client):
    outsider = f.add_member(setup["north"], role="carer")  # in the programme, not the group
    client.force_login(setup["member"])
    response = client.post(
        new_url(setup["group"]),
        {"title": "", "description": "Typed detail", "owner": outsider.pk, "status": "open"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Enter what will be done" in html
    assert "Choose one of the group&#x27;s members" in html
    assert "Typed detail" in html
    assert not setup["group"].actions.exists()
    bad_date = client.post(
        new_url(setup["group"]), {"title": "Book a room", "due_date": "31/31", "status": "open"}
    )
    assert (
        bad_date.status_code == 400
        and "Due date must be a real date, for example 27 March 2027" in bad_date.content.decode()
    )


def test_two_people_editing_at_once_lose_nothing(setup, client):
    group = setup["group"]
    action = services.add_group_action(by=setup["admin"], group=group, data={"title": "Draft"})
    url = reverse("people:group_action_edit", args=[group.pk, action.pk])
    client.force_login(setup["member"])
    first = {"title": "First version", "status": "open", "version": action.version}
    assert client.post(url, first).status_code == 302
    late = client.post(url, {"title": "Second version", "status": "open", "version": 1})
    html = late.content.decode()
    assert late.status_code == 400 and "Someone else saved changes" in html
    assert "Second version" in html  # what they typed is still there
    assert Action.objects.get(pk=action.pk).title == "First version"
    # The form now carries the latest version: saving again, as the page says, works.
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    again = client.post(url, {"title": "Second version", "status": "open", "version": version})
    assert again.status_code == 302
    assert Action.objects.get(pk=action.pk).title == "Second version"


def test_an_owner_who_left_the_group_is_kept_when_the_action_is_changed(setup, client):
    group, member = setup["group"], setup["member"]
    action = services.add_group_action(
        by=setup["admin"], group=group, data={"title": "Book a room", "owner": member}
    )
    place = GroupMembership.objects.get(group=group, user=member)
    services.remove_member(by=setup["admin"], place_of_person=place)
    client.force_login(setup["convener"])
    url = reverse("people:group_action_edit", args=[group.pk, action.pk])
    assert member.display_name in client.get(url).content.decode()
    response = client.post(
        url,
        {"title": "Book a bigger room", "owner": member.pk, "status": "open", "version": 1},
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).owner == member
    # New actions offer the group's members only.
    fresh = client.get(new_url(group)).content.decode()
    assert member.display_name not in fresh


def test_an_overlong_description_is_refused_with_what_was_typed(setup, client):
    client.force_login(setup["member"])
    response = client.post(
        new_url(setup["group"]), {"title": "Long one", "description": "x" * 5001, "status": "open"}
    )
    assert response.status_code == 400
    assert "Keep the detail to 5,000 characters or fewer" in response.content.decode()
    assert not setup["group"].actions.exists()


def test_number_zero_is_not_a_new_action(setup, client):
    client.force_login(setup["member"])
    url = reverse("people:group_action_edit", args=[setup["group"].pk, 0])
    assert client.get(url).status_code == 404


def test_a_closed_group_keeps_its_actions_readable_and_unchangeable(setup, client):
    group, member = setup["group"], setup["member"]
    action = services.add_group_action(by=member, group=group, data={"title": "Write it up"})
    client.force_login(member)
    button = 'Mark done<span class="visually-hidden"> “Write it up”</span>'
    assert button in client.get(reverse("people:group", args=[group.pk])).content.decode()
    client.force_login(setup["admin"])
    warning = client.get(reverse("people:group_close", args=[group.pk])).content.decode()
    assert "1 action is still open." in warning
    services.close_group(by=setup["admin"], group=group, report="Done.", is_learning=False)
    group.refresh_from_db()
    client.force_login(member)
    home = client.get(reverse("people:group", args=[group.pk])).content.decode()
    assert "Write it up" in home and "Add an action" not in home
    assert button not in home
    refused = client.post(new_url(group), {"title": "Late", "status": "open"}, follow=True)
    assert "has closed" in refused.content.decode()
    client.post(reverse("people:group_action_done", args=[group.pk, action.pk]))
    assert not group.actions.filter(title="Late").exists()
    assert Action.objects.get(pk=action.pk).status == Action.OPEN
    with pytest.raises(services.Refused):
        services.add_group_action(by=setup["admin"], group=group, data={"title": "Late"})
    with pytest.raises(services.Refused):
        services.update_group_action(by=member, action=action, data={"status": Action.DONE})


def test_an_action_cannot_be_reached_through_another_group(setup, client):
    group = setup["group"]
    other = WorkingGroup.objects.create(programme=setup["programme"], name="Budgets", remit="£")
    GroupMembership.objects.create(group=other, user=setup["member"])
    theirs = services.add_group_action(by=setup["admin"], group=group, data={"title": "Ours"})
    client.force_login(setup["member"])
    for name in ("people:group_action_edit", "people:group_action_done"):
        response = client.post(reverse(name, args=[other.pk, theirs.pk]), {"title": "x"})
        assert response.status_code == 404
    assert Action.objects.get(pk=theirs.pk).title == "Ours"


def test_an_action_sits_on_exactly_one_list(setup):
    group, north, admin = setup["group"], setup["north"], setup["admin"]
    for where in ({}, {"locality": north, "group": group}):
        with pytest.raises(ValueError, match="one list"):
            workspace_services.create_action(creator=admin, data={"title": "x"}, **where)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(title="Both", locality=north, group=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(title="Neither")


def test_done_handlers_run_for_a_group_action_too(setup):
    seen = []
    workspace_services.when_action_done(seen.append)
    try:
        action = services.add_group_action(
            by=setup["member"], group=setup["group"], data={"title": "Meet"}
        )
        services.update_group_action(
            by=setup["member"], action=action, data={"status": Action.DONE}
        )
    finally:
        workspace_services._WHEN_DONE.remove(seen.append)
    assert [a.pk for a in seen] == [action.pk]
    assert Action.objects.get(pk=action.pk).completed_at is not None


def test_the_admin_action_screens_leave_group_actions_to_the_group(setup, client):
    group = setup["group"]
    action = services.add_group_action(by=setup["admin"], group=group, data={"title": "Secret"})
    ours = workspace_services.create_action(
        locality=setup["north"], creator=setup["admin"], data={"title": "Locality one"}
    )
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    listing = client.get(reverse("wagtailsnippets_engagement_action:list")).content.decode()
    assert "Locality one" in listing and "Secret" not in listing
    edit = reverse("wagtailsnippets_engagement_action:edit", args=[action.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"title": "Changed"}).status_code == 404
    assert Action.objects.get(pk=action.pk).title == "Secret"
    # A locality action emptied of its locality is refused with a message, not a 500.
    response = client.post(
        reverse("wagtailsnippets_engagement_action:edit", args=[ours.pk]),
        {"locality": "", "title": "Locality one", "description": "", "source_note": ""},
    )
    assert response.status_code == 200
    assert "Choose the locality whose list this goes on" in response.content.decode()
    assert Action.objects.get(pk=ours.pk).locality == setup["north"]


def test_the_list_puts_open_actions_by_date_first_and_undated_ones_after(setup, client):
    import datetime

    group, admin = setup["group"], setup["admin"]
    for title, due, status in (
        ("Done already", datetime.date(2026, 1, 1), Action.DONE),
        ("No date yet", None, Action.OPEN),
        ("Due later", datetime.date(2027, 6, 1), Action.OPEN),
        ("Due soon", datetime.date(2027, 1, 1), Action.IN_PROGRESS),
    ):
        services.add_group_action(
            by=admin, group=group, data={"title": title, "due_date": due, "status": status}
        )
    client.force_login(setup["member"])
    html = client.get(reverse("people:group", args=[group.pk])).content.decode()
    order = ["Due soon", "Due later", "No date yet", "Done already"]
    assert sorted(order, key=html.index) == order


def test_a_long_group_name_and_the_file_hint_are_in_plain_words(setup, client):
    client.force_login(setup["admin"])
    response = client.post(
        reverse("people:group_new", args=[setup["programme"].slug]),
        {"name": "x" * 121, "kind": "network", "remit": "To meet.", "starts_on": "2026-09-01"},
    )
    assert "Keep the name to 120 characters or fewer." in response.content.decode()
    home = client.get(reverse("people:group", args=[setup["group"].pk])).content.decode()
    assert "The file can be up to 10\xa0MB." in home
