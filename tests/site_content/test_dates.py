"""One rule for the dates people type (site_content/dates.py): a date picker takes year 0001
or 9999, and a slipped digit makes 2206; such dates are refused with a plain message at every
door, and something that has happened cannot be dated in the future."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from engagement.models import MilestoneReport, ProgressEntry
from site_content import dates
from tests import factories as f

PROJECT_APPS = {"accounts", "site_content", "engagement", "events", "guide"}


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1, 1, 1),
        datetime.date(1899, 12, 31),
        datetime.date(9999, 12, 31),
        timezone.localdate().replace(month=1, day=1) + datetime.timedelta(days=366 * 51),
    ],
)
def test_dates_no_one_means_are_refused(value):
    with pytest.raises(ValidationError, match="Enter a date between 1900 and"):
        dates.plausible(value)


def test_dates_people_mean_pass():
    today = timezone.localdate()
    for value in (datetime.date(1900, 1, 1), today, today.replace(year=today.year + 10)):
        dates.plausible(value)
    dates.not_in_future(today)
    with pytest.raises(ValidationError, match="today or in the past"):
        dates.not_in_future(today + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="between 1900"):
        dates.not_in_future(datetime.date(1, 1, 1))
    aware = timezone.make_aware(datetime.datetime(2026, 5, 1, 10, 0))
    dates.plausible(aware)


def test_every_date_a_person_types_goes_through_the_rule():
    """Every date field of the project's models names one of the two validators, so the
    site's forms, the Wagtail admin and Django's admin all check it; so do the times of an
    event."""
    rules = {dates.plausible, dates.not_in_future}
    checked = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            typed = isinstance(field, models.DateField) and not isinstance(
                field, models.DateTimeField
            )
            if typed or (model._meta.label, getattr(field, "name", "")) in {
                ("events.EventPage", "starts_at"),
                ("events.EventPage", "ends_at"),
            }:
                assert rules & set(field.validators), f"{model._meta.label}.{field.name}"
                checked.append(field)
    assert len(checked) >= 30


@pytest.fixture
def team(db, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    member = f.add_member(locality, role="carer")
    client.force_login(member)
    return programme, locality


def test_a_log_entry_dated_in_the_future_is_refused_and_the_text_kept(team, client):
    programme, locality = team
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    current = programme.phases.last()  # runs to June 2027
    for typed, phase, message in (
        (tomorrow, current.pk, "The date must be today or in the past."),
        ("0001-01-01", "", "must be between 1900 and"),  # "set-up", before the phases
    ):
        response = client.post(
            reverse("workspace:entry_new", args=[locality.slug]),
            {
                "entry_date": typed,
                "phase": phase,
                "what_we_did": "Ran a drop-in at the library",
                "submit": "1",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "There is a problem" in html and message in html
        year, month, day = typed.split("-")
        assert "Ran a drop-in at the library" in html
        for part, value in (("day", day), ("month", month), ("year", year)):
            assert f'name="entry_date_{part}" value="{value}"' in html
    assert not ProgressEntry.objects.exists()


def test_a_figure_dated_tomorrow_is_refused(team, client):
    programme, locality = team
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("workspace:milestones", args=[locality.slug]),
        {
            "milestone": programme.milestones.first().pk,
            "value": "12",
            "reported_on": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The date must be today or in the past." in response.content.decode()
    assert not MilestoneReport.objects.exists()
