"""The shared helpers every app uses: one absolute-link builder, one number formatter and
one date widget (each written once, in site_content)."""

from decimal import Decimal

import pytest
from django import forms

from site_content.fields import DateInput
from site_content.formatting import figure_with_unit, plain_number
from site_content.links import absolute_url, site_host


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("https://cg.example.org", "/workspace/", "https://cg.example.org/workspace/"),
        ("https://cg.example.org/", "/workspace/", "https://cg.example.org/workspace/"),
        ("https://cg.example.org/", "stories/mine/x/", "https://cg.example.org/stories/mine/x/"),
        ("https://cg.example.org", "", "https://cg.example.org/"),
    ],
)
def test_absolute_url_joins_one_slash(settings, base, path, expected):
    settings.WAGTAILADMIN_BASE_URL = base
    assert absolute_url(path) == expected


def test_site_host_is_the_host_name_alone(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cg.example.org:8443/sub/"
    assert site_host() == "cg.example.org"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.50"), "12.5"),
        (Decimal("3.00"), "3"),
        (Decimal("0.00"), "0"),
        (Decimal("1000000"), "1000000"),
        (2.345, "2.35"),
        (7, "7"),
        (Decimal("-0.001"), "0"),
        (None, "not reported"),
    ],
)
def test_plain_number(value, expected):
    assert plain_number(value) == expected


def test_figure_with_unit():
    assert figure_with_unit(Decimal("40.00"), "%") == "40%"
    assert figure_with_unit(Decimal("250"), "people") == "250 people"
    assert figure_with_unit(Decimal("1.5"), "") == "1.5"
    assert figure_with_unit(None, "people", missing="not measured yet") == "not measured yet"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("1"), "organisations", "1 organisation"),
        (Decimal("1.00"), "people", "1 person"),
        (Decimal("1"), "care homes", "1 care home"),
        (Decimal("1"), "carers supported", "1 carer supported"),
        (Decimal("1"), "hours of support", "1 hour of support"),
        (Decimal("1"), "staff", "1 staff"),
        (Decimal("1.5"), "hours", "1.5 hours"),
        (Decimal("2"), "organisations", "2 organisations"),
    ],
)
def test_a_unit_is_said_for_one(value, unit, expected):
    assert figure_with_unit(value, unit) == expected


def test_a_date_is_typed_in_three_boxes_and_comes_back_as_typed():
    """GOV.UK's date input: day, month and year, each labelled, typed as numbers. A date that
    is not a real one comes back as typed; a whole date sent as one value is taken too."""
    import datetime

    class F(forms.Form):
        on = forms.DateField(widget=DateInput())

    html = str(F(initial={"on": datetime.date(2027, 3, 31)})["on"])
    assert '<label class="label date-input__label" for="id_on_0">Day</label>' in html
    assert 'name="on_day" value="31"' in html and 'name="on_month" value="3"' in html
    assert 'name="on_year" value="2027"' in html and 'inputmode="numeric"' in html
    typed = F(data={"on_day": " 14", "on_month": "3", "on_year": "2027"})
    assert typed.is_valid() and typed.cleaned_data["on"] == datetime.date(2027, 3, 14)
    assert F(data={"on": "2027-03-14"}).is_valid()
    wrong = F(data={"on_day": "31", "on_month": "2", "on_year": "2027"})
    assert not wrong.is_valid()
    html = str(wrong["on"])
    assert 'name="on_day" value="31"' in html and 'name="on_month" value="2"' in html
    assert not F(data={"on_day": "", "on_month": "", "on_year": ""}).is_valid()
    # Boxes typed in win over an empty whole value sent beside them.
    both = F(data={"on": "", "on_day": "2", "on_month": "1", "on_year": "2027"})
    assert both.is_valid() and both.cleaned_data["on"] == datetime.date(2027, 1, 2)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (10, 0, "10am"),
        (14, 30, "2:30pm"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 5, "12:05pm"),
        (0, 30, "12:30am"),
        (9, 5, "9:05am"),
    ],
)
def test_a_clock_time_as_people_write_it(hour, minute, expected):
    import datetime

    from site_content.formatting import plain_time

    assert plain_time(datetime.time(hour, minute)) == expected
    assert plain_time(datetime.datetime(2027, 3, 1, hour, minute)) == expected
