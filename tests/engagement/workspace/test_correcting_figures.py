"""A milestone figure recorded wrongly is put right, not added to: by whoever reported it,
the locality lead or a programme admin; the page shows it was corrected and the figure first
given, whichever door changed it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from engagement.models import MilestoneReport, ProgrammeRole
from engagement.workspace import services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    programme = f.make_programme()
    locality = f.make_locality(programme)
    reporter = f.add_member(locality, role="carer")
    milestone = programme.milestones.first()
    milestone.unit = "people"
    milestone.save()
    report = services.report_milestone(
        locality=locality,
        milestone=milestone,
        value=Decimal("250"),  # meant 25
        reported_on=datetime.date(2026, 9, 1),
        note="From the September count",
        reporter=reporter,
    )
    return {"programme": programme, "locality": locality, "reporter": reporter, "report": report}


def people(place):
    programme, locality = place["programme"], place["locality"]
    other = f.make_locality(programme, "Other")
    return {
        "reporter": (place["reporter"], True),
        "lead": (f.add_member(locality, role="commissioner", lead=True), True),
        "programme admin": (f.add_programme_role(programme, ProgrammeRole.ADMIN), True),
        "another member": (f.add_member(locality), False),
        "programme team": (f.add_programme_role(programme, ProgrammeRole.TEAM), False),
        "evaluator": (f.add_programme_role(programme, ProgrammeRole.EVALUATOR), False),
        "other locality's lead": (f.add_member(other, lead=True), False),
        "signed in, no role": (f.UserFactory(), False),
    }


def test_who_may_correct_a_figure(place, client):
    report, slug = place["report"], place["locality"].slug
    url = reverse("workspace:milestone_correct", args=[slug, report.pk])
    page = reverse("workspace:milestones", args=[slug])
    wrong = []
    for who, (user, allowed) in people(place).items():
        client.force_login(user)
        shown = client.get(page)
        offered = url in shown.content.decode() if shown.status_code == 200 else False
        got = client.get(url).status_code
        sent = client.post(url, {"value": "1", "reported_on": "2026-09-01"}).status_code
        report.refresh_from_db()
        changed = report.value == Decimal("1")
        if allowed:
            ok = offered and got == 200 and sent == 302 and changed
            services.correct_milestone_report(
                report=report,
                value=Decimal("250"),
                reported_on=report.reported_on,
                note="",
                by=None,
            )
        else:
            ok = not offered and got in (403, 404) and sent in (403, 404) and not changed
        if not ok:
            wrong.append((who, offered, got, sent, changed))
    assert wrong == []
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_a_corrected_figure_shows_who_corrected_it_and_the_figure_first_given(place, client):
    report, slug = place["report"], place["locality"].slug
    client.force_login(place["reporter"])
    url = reverse("workspace:milestone_correct", args=[slug, report.pk])
    form = client.get(url).content.decode()
    assert 'value="250.00"' in form and "From the September count" in form
    # Bad input: said in words, kept, nothing changed.
    bad = client.post(url, {"value": "about 25", "reported_on": "2026-09-01", "note": "Typo"})
    assert bad.status_code == 400 and "Enter the figure as a number" in bad.content.decode()
    assert 'value="about 25"' in bad.content.decode()
    report.refresh_from_db()
    assert report.value == Decimal("250")
    done = client.post(url, {"value": "25", "reported_on": "2026-09-01", "note": "Typo"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert (report.value, report.first_given, report.note) == (
        Decimal("25"),
        Decimal("250"),
        "Typo",
    )
    assert report.corrected_by == place["reporter"]
    assert MilestoneReport.objects.count() == 1
    html = client.get(reverse("workspace:milestones", args=[slug])).content.decode()
    name = place["reporter"].display_name
    assert f"(last by {name}); first given as 250" in html
    # Corrected again: the figure first given stays the first one.
    client.post(url, {"value": "26", "reported_on": "2026-09-01"})
    report.refresh_from_db()
    assert (report.value, report.first_given) == (Decimal("26"), Decimal("250"))


def test_a_percentage_corrected_past_100_is_refused(place, client):
    milestone = place["report"].milestone
    milestone.unit = "%"
    milestone.save()
    MilestoneReport.objects.filter(pk=place["report"].pk).update(value=Decimal("25"))
    client.force_login(place["reporter"])
    url = reverse("workspace:milestone_correct", args=[place["locality"].slug, place["report"].pk])
    response = client.post(url, {"value": "250", "reported_on": "2026-09-01"})
    assert response.status_code == 400
    assert "Enter a percentage from 0 to 100" in response.content.decode()


def test_any_change_to_a_recorded_figure_is_marked_whichever_door_made_it(place, client):
    report = MilestoneReport.objects.get(pk=place["report"].pk)
    report.save()  # saved unchanged: not a correction
    report.refresh_from_db()
    assert report.corrected_at is None
    report.value = Decimal("25")
    report.save()  # code saving the row
    report.refresh_from_db()
    assert report.first_given == Decimal("250") and report.corrected_at is not None
    # Only the date or the note changed: still marked, and the figure first given stays.
    client.force_login(place["reporter"])
    url = reverse("workspace:milestone_correct", args=[place["locality"].slug, report.pk])
    MilestoneReport.objects.filter(pk=report.pk).update(corrected_at=None, first_given=None)
    client.post(url, {"value": "25", "reported_on": "2026-08-31", "note": "Counted in August"})
    report.refresh_from_db()
    assert report.corrected_at is not None and report.first_given is None
    html = client.get(reverse("workspace:milestones", args=[place["locality"].slug])).content
    assert f"(last by {place['reporter'].display_name})" in html.decode()
    # The admin's editor says who changed it.
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    edit = reverse("wagtailsnippets_engagement_milestonereport:edit", args=[report.pk])
    response = client.post(
        edit,
        {
            "locality": place["locality"].pk,
            "milestone": report.milestone_id,
            "reported_on": "2026-08-31",
            "value": "24",
            "note": "Counted again",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert (report.value, report.first_given) == (Decimal("24"), Decimal("25"))
    assert report.corrected_by == admin
    # Opened and saved unchanged by someone else: nobody's name goes on it.
    lead = f.add_member(place["locality"], role="commissioner", lead=True)
    client.force_login(lead)
    client.post(url, {"value": "24", "reported_on": "2026-08-31", "note": "Counted again"})
    report.refresh_from_db()
    assert report.corrected_by == admin
