"""Programme boundaries for people's data and the audit log: a programme admin exports,
erases and reads the log only for people wholly within the programmes they administer;
superusers alone see everyone. Two programmes, every cross-programme attempt refused."""

import json

import pytest
from django.contrib.auth.models import Permission

from accounts import audit
from accounts.models import AuditEvent
from engagement.models import (
    GroupNote,
    LocalityPage,
    MilestoneReport,
    ProgrammeRole,
    Project,
    WorkingGroup,
)
from engagement.people import services as people_services
from events.models import EventRecord, Registration, TopicSuggestion
from tests import factories as f
from tests.events.test_registration import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b = f.make_programme(title="Programme A"), f.make_programme(title="Programme B")
    here, there = f.make_locality(a), f.make_locality(b)
    people = {
        "in_a": f.add_member(here),
        "in_b": f.add_member(there),
        "in_both": f.add_member(here),
        "no_programme": f.UserFactory(),
    }
    ProgrammeRole.objects.create(programme=b, user=people["in_both"], role=ProgrammeRole.TEAM)
    f.make_story(f.make_inquiry(b), email="teller.b@example.net")
    f.make_story(f.make_inquiry(a), email="teller.a@example.net")
    admins = {
        "admin_a": f.add_programme_role(a, ProgrammeRole.ADMIN),
        "admin_b": f.add_programme_role(b, ProgrammeRole.ADMIN),
        "superuser": f.UserFactory(is_superuser=True, is_staff=True),
    }
    for admin in admins.values():
        admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return people, admins


def emails(people):
    return {
        "in_a": people["in_a"].email,
        "in_b": people["in_b"].email,
        "in_both": people["in_both"].email,
        "no_programme": people["no_programme"].email,
        "teller_a": "teller.a@example.net",
        "teller_b": "teller.b@example.net",
        "nobody": "nobody@example.net",
    }


# A storyteller known only by the address typed into a story is a superuser's to handle:
# anyone may type any address (they download or withdraw the story from its own link).
ALLOWED = {
    "admin_a": {"in_a"},
    "admin_b": {"in_b"},
    "superuser": {"in_a", "in_b", "in_both", "no_programme", "teller_a", "teller_b", "nobody"},
}


def _programme_and_locality(admins, name):
    programme = ProgrammeRole.objects.get(user=admins[name]).programme
    return programme, LocalityPage.objects.filter(programme=programme).first()


def _work_left_in(programme, locality, person, kind):
    """Something the person did in ``programme`` that stays after they leave its teams."""
    if kind == "action owned":
        f.make_action(locality, owner=person)
    elif kind == "group note":
        group = WorkingGroup.objects.create(programme=programme, name="Steering", remit="Steer")
        GroupNote.objects.create(group=group, author=person, text="Met in May.")
    elif kind == "figure corrected":
        report = MilestoneReport.objects.create(
            locality=locality, milestone=programme.milestones.first(), value=3
        )
        MilestoneReport.objects.filter(pk=report.pk).update(corrected_by=person)
    elif kind == "event record":
        EventRecord.objects.create(event=make_event(programme), author=person, text="Notes")
    elif kind == "project managed":
        Project.objects.create(programme=programme, title="Day opportunities", manager=person)
    elif kind == "topic suggested":
        TopicSuggestion.objects.create(event=make_event(programme), user=person, topic="Rotas")


@pytest.mark.parametrize(
    "kind",
    [
        "action owned",
        "group note",
        "figure corrected",
        "event record",
        "topic suggested",
        "project managed",
    ],
)
def test_work_left_in_another_programme_keeps_a_person_out_of_reach(world, client, kind):
    """Someone left a Programme B team but still owns its action (or wrote its notes, and so
    on) and now works in Programme A: A's admin may not export or erase them."""
    _people, admins = world
    _a, here = _programme_and_locality(admins, "admin_a")
    b, there = _programme_and_locality(admins, "admin_b")
    person = f.add_member(here)
    client.force_login(admins["admin_a"])
    assert (
        client.post("/admin/people/", {"email": person.email, "action": "export"}).status_code
        == 200
    )
    _work_left_in(b, there, person, kind)
    response = client.post("/admin/people/", {"email": person.email, "action": "export"})
    assert response.status_code == 403, kind
    client.force_login(admins["superuser"])
    response = client.post("/admin/people/", {"email": person.email, "action": "export"})
    assert response.status_code == 200


def test_an_invitation_alone_brings_no_one_within_reach(world, client):
    """Any admin may invite anyone: inviting a stranger (or another programme's person) does
    not let the inviter export or erase them before they join."""
    people, admins = world
    _a, here = _programme_and_locality(admins, "admin_a")
    strangers = [people["no_programme"].email, people["in_b"].email, "nobody@example.net"]
    for email in strangers:
        people_services.invite(by=admins["admin_a"], place=here, email=email, role="carer")
    client.force_login(admins["admin_a"])
    for email in strangers:
        for action in ("export", "erase"):
            response = client.post(
                "/admin/people/", {"email": email, "action": action, "confirm": "on"}
            )
            assert response.status_code == 403, (email, action)
    people["no_programme"].refresh_from_db()
    assert people["no_programme"].is_active
    # Another programme's invitation, not yet taken up, still keeps a person out of reach.
    _b, there = _programme_and_locality(admins, "admin_b")
    people_services.invite(
        by=admins["admin_b"], place=there, email=people["in_a"].email, role="carer"
    )
    response = client.post("/admin/people/", {"email": people["in_a"].email, "action": "export"})
    assert response.status_code == 403


@pytest.mark.parametrize("door", ["story", "pending booking"])
def test_an_address_typed_into_a_form_brings_no_one_within_reach(world, client, door):
    """Anyone can type anyone's address into a story or a booking: that does not let the
    admin of the programme it was sent to export or erase the address's owner (a superuser
    least of all)."""
    people, admins = world
    a, _here = _programme_and_locality(admins, "admin_a")
    for target in (people["no_programme"], admins["superuser"]):
        if door == "story":
            f.make_story(f.make_inquiry(a), email=target.email)
        else:
            Registration.objects.create(
                event=make_event(a, slug=f"e-{target.pk}"),
                name="Someone",
                email=target.email,
                status=Registration.PENDING,
                taking_part_as="carer",
            )
        client.force_login(admins["admin_a"])
        for action in ("export", "erase"):
            response = client.post(
                "/admin/people/", {"email": target.email, "action": action, "confirm": "on"}
            )
            assert response.status_code == 403, (door, target.email, action)
        target.refresh_from_db()
        assert target.is_active and not target.email.endswith("@erased.invalid")


def test_someone_who_works_in_the_admin_is_a_superusers_to_handle(world, client):
    people, admins = world
    client.force_login(admins["admin_a"])

    def export(email):
        return client.post("/admin/people/", {"email": email, "action": "export"}).status_code

    assert export(people["in_a"].email) == 200
    people["in_a"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert export(people["in_a"].email) == 403
    assert export(admins["admin_b"].email) == 403


def test_every_link_to_an_account_keeps_its_person_within_their_programmes():
    """Each record that names a person by their account is read when working out whose
    programmes they are in: a new one must be added to engagement.core.rights.WORK (or be
    a role or place read beside it), or this fails."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from engagement.core.rights import WORK

    read = {(m.__name__, name) for m, people, _paths in WORK for name in people}
    read |= {
        ("ProgrammeRole", "user"),
        ("LocalityMembership", "user"),
        ("GroupMembership", "user"),
        ("PanelMember", "user"),
        ("ProgressEntry", "author"),
        ("Registration", "user"),  # events.rights
        ("EventRecord", "author"),
        ("TopicSuggestion", "user"),
    }
    unread = []
    for app in ("engagement", "events"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if not (field.many_to_one and field.related_model is get_user_model()):
                    continue
                if issubclass(model, Page) and field.name in ("owner", "locked_by"):
                    continue  # page editors work in the admin: a superuser's to handle
                if (model.__name__, field.name) not in read:
                    unread.append(f"{model.__name__}.{field.name}")
    assert unread == []


@pytest.mark.parametrize("admin_name", ALLOWED)
def test_export_only_within_the_programmes_one_runs(world, client, admin_name):
    people, admins = world
    client.force_login(admins[admin_name])
    for who, email in emails(people).items():
        response = client.post("/admin/people/", {"email": email, "action": "export"})
        if who in ALLOWED[admin_name]:
            assert response.status_code == 200, (admin_name, who)
            assert json.loads(response.content)["email"] == email
        else:
            assert response.status_code == 403, (admin_name, who)
            assert "programmes you run" in response.content.decode()
            assert response.get("Content-Disposition") is None


def test_erasure_across_a_boundary_changes_nothing(world, client):
    people, admins = world
    client.force_login(admins["admin_a"])
    for who in ("in_b", "in_both"):
        before = (people[who].email, people[who].is_active)
        client.post(
            "/admin/people/", {"email": people[who].email, "action": "erase", "confirm": "on"}
        )
        people[who].refresh_from_db()
        assert (people[who].email, people[who].is_active) == before
    client.post(
        "/admin/people/", {"email": people["in_a"].email, "action": "erase", "confirm": "on"}
    )
    people["in_a"].refresh_from_db()
    assert people["in_a"].email.endswith("@erased.invalid")


def test_the_audit_log_shows_a_programme_admin_only_their_people(world, client):
    people, admins = world
    """Someone in both programmes did things in each, and an event does not say which
    programme it was about: it is neither admin's to read (a superuser's)."""
    everyone = ("in_a", "in_b", "in_both", "no_programme")
    for who in everyone:
        audit.record(AuditEvent.EXPORT, user=people[who], detail=f"marker-{who}-end")
    seen = {}
    for name, admin in admins.items():
        client.force_login(admin)
        html = client.get("/admin/audit/").content.decode()
        seen[name] = {who for who in everyone if f"marker-{who}-end" in html}
    assert seen == {
        "admin_a": {"in_a"},
        "admin_b": {"in_b"},
        "superuser": set(everyone),
    }
