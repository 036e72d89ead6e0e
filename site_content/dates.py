"""The dates a person can mean: the one rule for every date typed into the site, the Wagtail
admin or Django's admin. A date picker accepts year 0001 or 9999 and a typed year can lose a
digit; such a date would sort a record out of sight, or break a calendar file or a timeline.
Model fields name these validators, so every form built from them checks them too."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_YEAR = 1900
YEARS_AHEAD = 50


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def plausible(value) -> None:
    """Between 1900 and fifty years from now."""
    day = _as_date(value)
    latest = timezone.localdate().year + YEARS_AHEAD
    if not EARLIEST_YEAR <= day.year <= latest:
        raise ValidationError(
            "Enter a date between %(first)s and %(last)s.",
            code="implausible_date",
            params={"first": EARLIEST_YEAR, "last": latest},
        )


def not_in_future(value) -> None:
    """Something that has happened: no later than today, and not before 1900."""
    plausible(value)
    if _as_date(value) > timezone.localdate():
        raise ValidationError("The date must be today or in the past.", code="date_in_future")
