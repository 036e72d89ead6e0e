"""Every role x every team and invitation action, in the person's own locality and another,
each cell asserted (the group matrix is in test_groups.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import Invitation, LocalityMembership, ProgrammeRole
from engagement.people import services
from tests import factories as f

OPERATIONS = [
    "team_get",
    "invite_member",
    "invite_lead",
    "withdraw",
    "remove_member",
    "remove_lead",
    "csv_member",
]
ALLOWED_OWN = {
    "programme_admin": set(OPERATIONS),
    "programme_team": set(),
    "evaluator": set(),
    "locality_lead": {"team_get", "invite_member", "withdraw", "remove_member", "csv_member"},
    "locality_member": set(),
    "expert_by_experience": set(),
    "signed_in_public": set(),
    "anonymous": set(),
}


@pytest.fixture
def world(db):
    programme, other_programme = f.make_programme(), f.make_programme()
    own, other = f.make_locality(programme), f.make_locality(other_programme)
    admins = {
        own.pk: f.add_programme_role(programme, ProgrammeRole.ADMIN),
        other.pk: f.add_programme_role(other_programme, ProgrammeRole.ADMIN),
    }
    return {"programme": programme, "own": own, "other": other, "admins": admins}


def person_for(role, world):
    programme, own = world["programme"], world["own"]
    roles = {
        "programme_admin": ProgrammeRole.ADMIN,
        "programme_team": ProgrammeRole.TEAM,
        "evaluator": ProgrammeRole.EVALUATOR,
        "expert_by_experience": ProgrammeRole.EXPERT,
    }
    if role == "anonymous":
        return None
    if role in roles:
        return f.add_programme_role(programme, roles[role])
    if role == "locality_lead":
        return f.add_member(own, role="commissioner", lead=True)
    if role == "locality_member":
        return f.add_member(own, role="carer")
    return f.UserFactory()


def run(op, client, locality, admin, n):
    slug = locality.slug
    if op == "team_get":
        response = client.get(reverse("people:team", args=[slug]))
        return response.status_code == 200, response
    if op in ("invite_member", "invite_lead"):
        email = f"{op}{n}@example.org"
        data = {"first_name": "Ola", "email": email, "role": "carer", "days": 14}
        if op == "invite_lead":
            data["is_lead"] = "on"
        response = client.post(reverse("people:team", args=[slug]), data)
        done = Invitation.objects.filter(email=email, is_lead=op == "invite_lead").exists()
        return done, response
    if op == "withdraw":
        invitation, _ = services.invite(
            by=admin, place=locality, email=f"w{n}@example.org", role="carer"
        )
        response = client.post(reverse("people:withdraw", args=[invitation.pk]))
        invitation.refresh_from_db()
        return invitation.withdrawn_at is not None, response
    if op in ("remove_member", "remove_lead"):
        person = f.add_member(locality, role="provider", lead=op == "remove_lead")
        place = LocalityMembership.objects.get(user=person, locality=locality)
        response = client.post(reverse("people:remove_member", args=[slug, place.pk]))
        return not LocalityMembership.objects.filter(pk=place.pk).exists(), response
    if op == "csv_member":
        email = f"csv{n}@example.org"
        data = f"email,locality,role\n{email},{locality.title},Carer\n".encode()
        programme_slug = locality.programme.slug
        response = client.post(
            reverse("people:invite_csv", args=[programme_slug]),
            {"file": SimpleUploadedFile("t.csv", data), "days": 14},
        )
        return Invitation.objects.filter(email=email).exists(), response
    raise AssertionError(op)


@pytest.mark.parametrize("role", list(ALLOWED_OWN))
def test_team_and_invitation_matrix(role, world, client):
    user = person_for(role, world)
    if user is not None:
        client.force_login(user)
    wrong, n = [], 0
    for where in ("own", "other"):
        locality = world[where]
        for op in OPERATIONS:
            n += 1
            done, response = run(op, client, locality, world["admins"][locality.pk], n)
            assert response.status_code < 500, (where, op)
            want = where == "own" and op in ALLOWED_OWN[role]
            if done != want:
                wrong.append((where, op, done, response.status_code))
    assert wrong == [], wrong
