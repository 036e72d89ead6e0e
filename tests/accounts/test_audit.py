"""The audit log: sign-ins, failed sign-ins, role changes and exports are recorded, readable
by programme admins only, and cannot be changed."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from engagement.models import ProgrammeRole
from tests import factories as f
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_sign_ins_and_failures_are_recorded_with_address(client):
    user = f.UserFactory(email="lead@example.org")
    client.post(
        reverse("account_login"),
        {"login": "lead@example.org", "password": "wrong"},
        REMOTE_ADDR="203.0.113.7",
    )
    client.post(
        reverse("account_login"),
        {"login": "lead@example.org", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    kinds = list(
        AuditEvent.objects.order_by("at", "pk").values_list("kind", "actor_label", "ip_address")
    )
    assert kinds == [
        (AuditEvent.SIGN_IN_FAILED, "lead@example.org", "203.0.113.7"),
        (AuditEvent.SIGN_IN, "lead@example.org", "203.0.113.7"),
    ]
    assert AuditEvent.objects.get(kind=AuditEvent.SIGN_IN).actor == user


@pytest.mark.django_db
def test_role_changes_and_exports_are_recorded(client):
    programme = f.make_programme()
    team = f.add_programme_role(programme, ProgrammeRole.TEAM)
    assert AuditEvent.objects.filter(
        kind=AuditEvent.ROLE_CHANGE, detail__startswith="given"
    ).exists()
    client.force_login(team)
    client.get(reverse("workspace:dashboard_csv", args=[programme.slug]))
    export = AuditEvent.objects.get(kind=AuditEvent.EXPORT)
    assert export.actor == team and programme.title in export.detail


@pytest.mark.django_db
def test_audit_log_is_for_programme_admins_and_cannot_be_changed(client):
    programme = f.make_programme()
    event = AuditEvent.objects.create(kind=AuditEvent.EXPORT, actor_label="x", detail="y")
    with pytest.raises(ValueError, match="cannot be changed"):
        event.detail = "edited"
        event.save()
    team = f.add_programme_role(programme, ProgrammeRole.TEAM)
    team.is_staff = True
    team.save()
    from django.contrib.auth.models import Permission

    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(team)
    assert client.get(reverse("audit_log")).status_code == 302  # refused: back to the dashboard
    admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    admin.is_staff = True
    admin.save()
    admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin)
    page = client.get(reverse("audit_log"))
    assert page.status_code == 200 and "Data exported" in page.content.decode()


@pytest.mark.django_db
def test_a_role_change_records_who_made_it_and_from_where(client):
    """Role changes are recorded by signals, far from the view: they still name the person
    who made the change and their address, and the detail says whose role it was."""
    from engagement.models import LocalityMembership

    locality = f.make_locality(f.make_programme())
    lead = f.add_member(locality, role="commissioner", lead=True)
    leaving = f.add_member(locality, role="provider")
    place = LocalityMembership.objects.get(user=leaving, locality=locality)
    client.force_login(lead)
    client.post(
        reverse("people:remove_member", args=[locality.slug, place.pk]),
        REMOTE_ADDR="198.51.100.23",
    )
    removed = AuditEvent.objects.get(kind=AuditEvent.ROLE_CHANGE, detail__startswith="removed")
    assert removed.actor == lead and removed.actor_label == lead.email
    assert removed.ip_address == "198.51.100.23"
    assert str(leaving) in removed.detail
