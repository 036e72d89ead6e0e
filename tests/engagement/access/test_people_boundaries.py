"""Programme boundaries for people's data and the audit log: a programme admin exports,
erases and reads the log only for people wholly within the programmes they administer;
superusers alone see everyone. Two programmes, every cross-programme attempt refused."""

import json

import pytest
from django.contrib.auth.models import Permission

from accounts import audit
from accounts.models import AuditEvent
from engagement.models import ProgrammeRole
from tests import factories as f

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


ALLOWED = {
    "admin_a": {"in_a", "teller_a"},
    "admin_b": {"in_b", "teller_b"},
    "superuser": {"in_a", "in_b", "in_both", "no_programme", "teller_a", "teller_b", "nobody"},
}


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
    for who in ("in_a", "in_b", "no_programme"):
        audit.record(AuditEvent.SIGN_IN, user=people[who], detail=f"marker-{who}")
    seen = {}
    for name, admin in admins.items():
        client.force_login(admin)
        html = client.get("/admin/audit/").content.decode()
        seen[name] = {who for who in ("in_a", "in_b", "no_programme") if f"marker-{who}" in html}
    assert seen == {
        "admin_a": {"in_a"},
        "admin_b": {"in_b"},
        "superuser": {"in_a", "in_b", "no_programme"},
    }
