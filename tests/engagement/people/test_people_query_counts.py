"""The team, group and invitation pages ask the database the same number of questions with a
few people as with many (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.models import GroupMembership, GroupNote, ProgrammeRole, WorkingGroup
from engagement.people import services
from tests import factories as f


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.django_db
def test_people_pages_do_not_grow_with_data(client):
    programme = f.make_programme()
    home, other = f.make_locality(programme), f.make_locality(programme)
    admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    lead = f.add_member(home, role="commissioner", lead=True)
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs.")
    GroupMembership.objects.create(group=group, user=lead, role=GroupMembership.CONVENER)
    n = 0

    def grow(size):
        nonlocal n
        for _ in range(size):
            n += 1
            for locality in (home, other):
                person = f.add_member(locality, role="carer")
                services.add_to_group(by=admin, group=group, user=person)
                GroupNote.objects.create(group=group, author=person, text=f"Note {n}")
                services.add_group_action(
                    by=admin, group=group, data={"title": f"Action {n}", "owner": person}
                )
            services.invite(by=admin, place=home, email=f"h{n}@example.org", role="carer")
            services.invite(by=admin, place=group, email=f"g{n}@example.org", role="member")
            WorkingGroup.objects.create(programme=programme, name=f"Group {n}", remit="More.")

    def measure():
        found = {}
        for who in (admin, lead):
            client.force_login(who)
            for name, url in (
                ("team", reverse("people:team", args=[home.slug])),
                ("groups", reverse("people:groups", args=[programme.slug])),
                ("group", reverse("people:group", args=[group.pk])),
                ("members", reverse("people:group_members", args=[group.pk])),
                ("csv", reverse("people:invite_csv", args=[programme.slug])),
            ):
                found[(who.email, name)] = count(client, url)
        return found

    grow(2)
    small = measure()
    grow(12)
    large = measure()
    assert large == small
