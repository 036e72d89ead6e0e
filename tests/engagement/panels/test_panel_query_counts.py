"""The panel page asks the database the same number of questions with a few review rounds as
with many, for the facilitator and for a member invited to some of them (no N+1)."""

import datetime

import pytest
from django.urls import reverse

from engagement.models import Panel, PanelMember, ProgrammeRole
from engagement.panels import services as panel_services
from tests import factories as f
from tests.engagement.test_query_counts import count


@pytest.mark.django_db
def test_panel_page_does_not_grow_with_rounds(client):
    programme = f.make_programme()
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(
        programme=programme, name="Panel", slug="panel", facilitator=facilitator
    )
    expert = f.add_programme_role(programme, ProgrammeRole.EXPERT)
    seat = PanelMember.objects.create(panel=panel, user=expert)
    n = 0

    def grow(size):
        nonlocal n
        for _ in range(size):
            for invited in ([seat], []):
                n += 1
                panel_services.open_round(
                    panel=panel,
                    creator=facilitator,
                    data={
                        "title": f"Leaflet {n}",
                        "page": f.home_page(),
                        "closes_on": datetime.date.today() + datetime.timedelta(days=7),
                    },
                    questions=["Is it in plain English?"],
                    invited=invited,
                )

    def measure():
        found = {}
        for who in (facilitator, expert):
            client.force_login(who)
            found[who.email] = count(client, reverse("panels:detail", args=[panel.slug]))
        return found

    grow(1)
    small = measure()
    grow(6)
    large = measure()
    assert large == small
    client.force_login(expert)
    page = client.get(reverse("panels:detail", args=[panel.slug])).content.decode()
    assert "<strong>Leaflet 1<" in page and "<strong>Leaflet 2<" not in page
