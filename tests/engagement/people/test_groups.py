"""Working groups across localities: every role x every group page and action, own group and
another, each cell asserted; and what a group's space holds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import Action, GroupMembership, GroupNote, ProgrammeRole, WorkingGroup
from engagement.people import services
from engagement.workspace import services as workspace_services
from tests import factories as f

SECRET = "Only-the-group-should-read-this"

OPERATIONS = [
    "list",
    "home",
    "file",
    "note_post",
    "edit_get",
    "members_get",
    "add_member",
    "invite_member",
    "invite_convener",
    "remove_member",
    "close_get",
    "new_group",
    "action_new",
    "action_edit",
    "action_done",
]
ALL = set(OPERATIONS)
READ = {"list", "home", "file", "note_post", "action_new", "action_edit", "action_done"}
CONVENE = ALL - {"invite_convener", "new_group"}
ALLOWED_OWN = {
    "programme_admin": ALL,
    "programme_team": ALL,
    "convener": CONVENE,
    "group_member": READ,
    # Evaluators read localities' plans and logs, not the inside of groups.
    "evaluator": set(),
    "locality_member_not_in_group": set(),
    "expert_by_experience": set(),
    "signed_in_public": set(),
    "anonymous": set(),
}


@pytest.fixture
def world(db):
    p1, p2 = f.make_programme(), f.make_programme()
    a, b, c = f.make_locality(p1), f.make_locality(p1), f.make_locality(p2)
    groups = {}
    for key, programme, locality in (("own", p1, a), ("other", p2, c)):
        group = WorkingGroup.objects.create(
            programme=programme, name=f"Employment {key}", remit=f"{SECRET} remit"
        )
        member = f.add_member(locality, role="provider")
        GroupMembership.objects.create(group=group, user=member, locality=locality)
        note = GroupNote(group=group, author=member, text=f"{SECRET} note")
        note.file.save("minutes.txt", SimpleUploadedFile("minutes.txt", b"hello"), save=False)
        note.original_name = "minutes.txt"
        note.save()
        action = workspace_services.create_action(
            group=group, creator=member, data={"title": f"{SECRET} action"}
        )
        groups[key] = {
            "group": group,
            "member": member,
            "note": note,
            "locality": locality,
            "action": action,
        }
    return {"p1": p1, "p2": p2, "a": a, "b": b, "groups": groups}


def person_for(role, world):
    p1, a = world["p1"], world["a"]
    group = world["groups"]["own"]["group"]
    if role == "anonymous":
        return None
    roles = {
        "programme_admin": ProgrammeRole.ADMIN,
        "programme_team": ProgrammeRole.TEAM,
        "evaluator": ProgrammeRole.EVALUATOR,
        "expert_by_experience": ProgrammeRole.EXPERT,
    }
    if role in roles:
        return f.add_programme_role(p1, roles[role])
    if role in ("convener", "group_member"):
        user = f.add_member(world["b"], role="carer")
        GroupMembership.objects.create(
            group=group,
            user=user,
            role=GroupMembership.CONVENER if role == "convener" else GroupMembership.MEMBER,
        )
        return user
    if role == "locality_member_not_in_group":
        return f.add_member(a, role="carer")
    return f.UserFactory()


def request_for(op, client, rec, programme, world):
    group, note, member = rec["group"], rec["note"], rec["member"]
    if op == "list":
        return client.get(reverse("people:groups", args=[programme.slug]))
    if op == "home":
        return client.get(reverse("people:group", args=[group.pk]))
    if op == "file":
        return client.get(reverse("people:group_file", args=[group.pk, note.pk]))
    if op == "note_post":
        return client.post(
            reverse("people:group", args=[group.pk]),
            {"written_on": "2026-10-01", "text": "We met at the library."},
        )
    if op == "edit_get":
        return client.get(reverse("people:group_edit", args=[group.pk]))
    if op == "members_get":
        return client.get(reverse("people:group_members", args=[group.pk]))
    if op == "add_member":
        person = f.add_member(rec["locality"], role="carer")
        return client.post(
            reverse("people:group_members", args=[group.pk]),
            {"add": "1", "person": person.pk, "role": "member"},
        )
    if op in ("invite_member", "invite_convener"):
        return client.post(
            reverse("people:group_members", args=[group.pk]),
            {
                "invite": "1",
                "first_name": "Ola",
                "email": f"{op}-{group.pk}@example.org",
                "role": "convener" if op == "invite_convener" else "member",
                "days": 14,
            },
        )
    if op == "remove_member":
        place = GroupMembership.objects.get(group=group, user=member)
        return client.post(reverse("people:group_remove", args=[group.pk, place.pk]))
    if op == "close_get":
        return client.get(reverse("people:group_close", args=[group.pk]))
    if op == "action_new":
        return client.post(
            reverse("people:group_action_new", args=[group.pk]),
            {"title": "Ring the two employers", "status": "open"},
        )
    if op == "action_edit":
        return client.post(
            reverse("people:group_action_edit", args=[group.pk, rec["action"].pk]),
            {"title": f"Edited {group.pk}", "status": "in_progress"},
        )
    if op == "action_done":
        return client.post(reverse("people:group_action_done", args=[group.pk, rec["action"].pk]))
    if op == "new_group":
        return client.post(
            reverse("people:group_new", args=[programme.slug]),
            {
                "name": f"New {group.pk}",
                "kind": "network",
                "remit": "To meet.",
                "starts_on": "2026-09-01",
            },
        )
    raise AssertionError(op)


def changed(op, rec) -> bool:
    group = rec["group"]
    if op == "note_post":
        return group.notes.filter(text="We met at the library.").exists()
    if op == "add_member":
        return group.members.count() > 1 + (group.members.filter(role="convener").count())
    if op in ("invite_member", "invite_convener"):
        return group.invitations.filter(email__startswith=op).exists()
    if op == "remove_member":
        return not group.members.filter(user=rec["member"]).exists()
    if op == "new_group":
        return WorkingGroup.objects.filter(name=f"New {group.pk}").exists()
    if op == "action_new":
        return group.actions.filter(title="Ring the two employers").exists()
    if op == "action_edit":
        return group.actions.filter(title=f"Edited {group.pk}").exists()
    if op == "action_done":
        return group.actions.filter(pk=rec["action"].pk, status=Action.DONE).exists()
    return True


def outcome(response, op, rec) -> str:
    if response.status_code in (400, 403, 404):  # 400: the form refused it, saying why
        return "refused"
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "refused"
    if response.status_code in (200, 302):
        if response.status_code == 200 and op in ("add_member", "invite_member", "invite_convener"):
            return "refused" if b"There is a problem" in response.content else "allowed"
        return "allowed" if changed(op, rec) else "refused"
    return f"unexpected {response.status_code}"


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("role", list(ALLOWED_OWN))
def test_group_permission_matrix(role, world, client):
    user = person_for(role, world)
    if user is not None:
        client.force_login(user)
    cells = []
    for where, programme in (("own", world["p1"]), ("other", world["p2"])):
        rec = world["groups"][where]
        for op in OPERATIONS:
            response = request_for(op, client, rec, programme, world)
            got = outcome(response, op, rec)
            want = "allowed" if where == "own" and op in ALLOWED_OWN[role] else "refused"
            cells.append((where, op, got, want))
            if got == "allowed" and op in ("list", "home", "file") and where == "own":
                assert SECRET.encode() in _body(response) or op == "file"
            if got == "refused":
                assert SECRET.encode() not in _body(response), (where, op)
    wrong = [c for c in cells if c[2] != c[3]]
    assert wrong == [], wrong


def test_member_removed_loses_access_at_once(world, client):
    rec = world["groups"]["own"]
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    home = reverse("people:group", args=[rec["group"].pk])
    client.force_login(rec["member"])
    assert client.get(home).status_code == 200
    place = GroupMembership.objects.get(group=rec["group"], user=rec["member"])
    services.remove_member(by=admin, place_of_person=place)
    assert client.get(home).status_code == 404
    assert (
        client.get(reverse("people:group_file", args=[rec["group"].pk, rec["note"].pk])).status_code
        == 404
    )


def test_group_has_members_from_several_localities_and_none(world, client):
    group = world["groups"]["own"]["group"]
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    from_b = f.add_member(world["b"], role="carer")
    services.add_to_group(by=admin, group=group, user=from_b)
    no_locality = f.add_programme_role(world["p1"], ProgrammeRole.EXPERT)
    services.add_to_group(by=admin, group=group, user=no_locality)
    outsider = f.UserFactory()
    with pytest.raises(services.Refused, match="Only people in the programme"):
        services.add_to_group(by=admin, group=group, user=outsider)
    client.force_login(admin)
    html = client.get(reverse("people:group", args=[group.pk])).content.decode()
    assert world["a"].title in html and world["b"].title in html and "No locality" in html
    # The chooser offers people of the programme only.
    chooser = client.get(reverse("people:group_members", args=[group.pk])).content.decode()
    assert outsider.display_name not in chooser


def test_closing_a_group_keeps_it_readable_and_stops_new_work(world, client):
    rec = world["groups"]["own"]
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    client.force_login(admin)
    url = reverse("people:group_close", args=[rec["group"].pk])
    empty = client.post(url, {"closing_report": ""})
    assert empty.status_code == 400 and b"Write the closing report" in empty.content
    client.post(url, {"closing_report": "We found three employers.", "report_is_learning": "on"})
    group = WorkingGroup.objects.get(pk=rec["group"].pk)
    assert group.is_closed and group.report_is_learning
    client.force_login(rec["member"])
    home = client.get(reverse("people:group", args=[group.pk]))
    assert b"We found three employers." in home.content and b"Add to the log" not in home.content
    with pytest.raises(services.Refused):
        services.add_note(by=rec["member"], group=group, text="late", written_on=group.starts_on)
    with pytest.raises(services.Refused, match="has closed"):
        services.invite(by=admin, place=group, email="late@example.org", role="member")
    # Its details stay as they were too, through the page and the service.
    client.force_login(admin)
    edit = client.post(
        reverse("people:group_edit", args=[group.pk]),
        {"name": "Renamed", "kind": "network", "remit": "New", "starts_on": "2026-09-01"},
        follow=True,
    )
    assert "its details stay as they were" in edit.content.decode()
    with pytest.raises(services.Refused, match="has closed"):
        services.update_group(by=admin, group=group, name="Renamed")
    assert WorkingGroup.objects.get(pk=group.pk).name == rec["group"].name


def test_group_form_bad_input_keeps_what_was_typed(world, client):
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    client.force_login(admin)
    url = reverse("people:group_new", args=[world["p1"].slug])
    response = client.post(
        url,
        {
            "name": "Employment own",
            "kind": "network",
            "remit": "Typed remit",
            "starts_on": "2026-09-01",
            "ends_on": "2026-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "already has a group with this name" in html and "on or after the start" in html
    assert "Typed remit" in html


def test_closing_withdraws_waiting_invitations_and_late_links_do_not_join(world, client):
    from django.core import mail

    rec = world["groups"]["own"]
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    services.invite(by=admin, place=rec["group"], email="late@example.org", role="member")
    services.close_group(by=admin, group=rec["group"], report="Done.", is_learning=False)
    link = mail.outbox[-1].body.split("http://testserver", 1)[1].split()[0]
    page = client.get(link)
    assert page.status_code == 410 and b"withdrawn" in page.content
    client.force_login(rec["member"])
    posted = client.post(
        reverse("people:group", args=[rec["group"].pk]),
        {"written_on": "2026-10-01", "text": "Too late."},
        follow=True,
    )
    assert b"has closed, so nothing new can be added" in posted.content
    assert not rec["group"].notes.filter(text="Too late.").exists()


def test_evaluators_stay_outside_groups(world, client):
    rec = world["groups"]["own"]
    admin = f.add_programme_role(world["p1"], ProgrammeRole.ADMIN)
    evaluator = f.add_programme_role(world["p1"], ProgrammeRole.EVALUATOR)
    with pytest.raises(services.Refused, match="Evaluators"):
        services.add_to_group(by=admin, group=rec["group"], user=evaluator)
    with pytest.raises(services.Refused, match="Evaluators"):
        services.invite(by=admin, place=rec["group"], email=evaluator.email, role="member")
    client.force_login(admin)
    chooser = client.get(reverse("people:group_members", args=[rec["group"].pk]))
    assert evaluator.display_name not in chooser.content.decode()
