import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Action, MilestoneReport, ProgrammeRole, ProgressEntry
from engagement.workspace.dashboard import build_dashboard
from tests import factories as f


@pytest.fixture
def programme_with_figures(db):
    programme = f.make_programme()
    north, south = f.make_locality(programme, "North"), f.make_locality(programme, "South")
    author = f.add_member(north)
    for _ in range(3):
        f.make_entry(north, author, submitted_at=timezone.now() - datetime.timedelta(days=2))
    f.make_entry(north, author, submitted_at=timezone.now() - datetime.timedelta(days=45))
    f.make_entry(north, author, status=ProgressEntry.DRAFT)
    today = timezone.localdate()
    f.make_action(north, due_date=today - datetime.timedelta(days=1))
    f.make_action(north, due_date=today + datetime.timedelta(days=5), status=Action.IN_PROGRESS)
    f.make_action(north, due_date=today - datetime.timedelta(days=9), status=Action.DONE)
    f.make_action(south, due_date=today - datetime.timedelta(days=3))
    milestone = programme.milestones.get()
    MilestoneReport.objects.create(
        locality=north, milestone=milestone, value=Decimal(4), reported_on=datetime.date(2026, 6, 1)
    )
    MilestoneReport.objects.create(
        locality=north,
        milestone=milestone,
        value=Decimal(11),
        reported_on=datetime.date(2026, 9, 1),
    )
    return programme, north, south, milestone


def test_dashboard_figures(programme_with_figures):
    programme, north, south, milestone = programme_with_figures
    data = build_dashboard(programme)
    rows = {r.locality.title: r for r in data.rows}
    assert rows["North"].recent_entries == 3  # drafts and old entries do not count
    assert rows["North"].open_actions == 2 and rows["North"].overdue_actions == 1
    assert rows["South"].open_actions == 1 and rows["South"].overdue_actions == 1
    assert rows["North"].figures[milestone.pk] == Decimal(11)  # the latest figure
    assert rows["South"].figures[milestone.pk] is None
    # Said with the unit, as the target in the heading is.
    assert rows["North"].figure_cells == [
        f"11{'%' if milestone.unit == '%' else ' ' + milestone.unit}"
    ]
    assert rows["South"].figure_cells == ["not reported"]
    assert data.milestone_columns()[0]["reached"] == 1


def test_dashboard_page_and_csv(programme_with_figures, client):
    programme, *_ = programme_with_figures
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    page = client.get(reverse("workspace:dashboard", args=[programme.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('role="img"') >= 4  # three activity charts and one per milestone
    assert "1 of 2 localities have reached the target" in html
    response = client.get(reverse("workspace:dashboard_csv", args=[programme.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == [
        "Locality",
        "Phase of latest entry",
        "Entries in last 30 days",
        "Open actions",
        "Overdue actions",
    ]
    body = {r[0]: r for r in rows[1:]}
    assert body["North"][2:5] == ["3", "2", "1"]
    assert body["North"][5] == "11.00" and body["South"][5] == ""
