"""One detector for the publication gate and moderation warnings, hard to fool: at least 100
written forms of emails, UK and international phone numbers and postcodes are caught, and
ordinary text (dates, prices, years, reference numbers) is left alone."""

import pytest

from guide import gate
from site_content.personal_details import WARNING_KINDS, find

EMAILS = ["jo.bloggs@example.org", "a.n.other+news@mail.example.co.uk", "x_y@sub.example.net"]
PHONES = [
    "020 7946 0000",
    "0117 496 0123",
    "01632 960000",
    "07700 900123",
    "+44 20 7946 0000",
    "+44 (0)117 496 0123",
    "0044 20 7946 0000",
    "+1 202 555 0143",
    "+33 1 23 45 67 89",
]
POSTCODES = ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB"]


def disguise_email(email):
    local, domain = email.split("@")
    return [
        email,
        f"{local}&#64;{domain}",
        f"{local}&#x40;{domain}",
        f"{local}&amp;#64;{domain}",
        f"{local} @ {domain}",
        f"{local} [at] {domain.replace('.', ' [dot] ')}",
        f"{local}(at){domain}",
        f"<a href='#'>{local}</a>@{domain}",
        f"{local}\u200b@\u200b{domain}",
        email.upper(),
        f"Write to <em>{email}</em>.",
    ]


def disguise_phone(number):
    digits = number.replace(" ", "")
    return [
        number,
        number.replace(" ", "-"),
        number.replace(" ", "."),
        number.replace(" ", "\u00a0"),
        number.replace(" ", "\u2013"),
        number.replace(" ", " \u200b"),
        digits,
        number.replace(" ", " <strong>", 1) + "</strong>",
        " ".join(f"**{part}**" if i == 1 else part for i, part in enumerate(number.split())),
        " ".join(f"_{part}_" if i == 2 else part for i, part in enumerate(number.split())),
        number.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        f"Ring ({number}) any day",
    ]


def disguise_postcode(code):
    return [code, code.lower(), code.replace(" ", ""), code.replace(" ", "  "), f"<b>{code}</b>"]


MUST_CATCH = (
    [(f, "email address") for e in EMAILS for f in disguise_email(e)]
    + [(f, "phone number") for p in PHONES for f in disguise_phone(p)]
    + [(f, "postcode") for c in POSTCODES for f in disguise_postcode(c)]
)

MUST_PASS = [
    "Take vitamin B12 3mg each day, and 2 ml of the syrup.",
    "We met on 12/03/2024 and again on 3 May 2025.",
    "From 2011 to 2014 the service grew; in 2019-2020 it doubled.",
    "It cost £1,250,000 over three years, or £417 a week.",
    "Reference REF/2024/0117 and order 552-1190 are closed.",
    "Version 2.3.1 of the leaflet, page 12 of 40.",
    "120 people came; 45% were carers; 1 in 4 lived alone.",
    "Room B12, floor 3. Bus 38 or 38A.",
    "The project ran for 18 months (2009 to 2011).",
    "Email us through the contact form.",
    "Call in at the hub any weekday.",
    "We meet at 10.30 on Tuesdays and at 2pm on Fridays.",
    "Scores went from 3.2 to 4.1 out of 5.",
    "Section 117 aftercare under the Mental Health Act 1983.",
    "Care Act 2014, sections 9 to 13.",
]


def test_the_table_is_big_enough():
    assert len(MUST_CATCH) >= 100


@pytest.mark.parametrize(("text", "kind"), MUST_CATCH)
def test_every_written_form_is_caught(text, kind):
    kinds = [k for k, _ in find(text)]
    assert kind in kinds, (text, find(text))


@pytest.mark.parametrize("text", MUST_PASS)
def test_ordinary_text_is_left_alone(text):
    assert find(text) == []


@pytest.mark.parametrize(("text", "kind"), MUST_CATCH[::7])
def test_the_gate_and_moderation_use_the_same_detector(text, kind, settings):
    settings.GUIDE_PUBLIC_CONTACTS = []
    assert gate.personal_details(text), text
    assert kind in [k for k, _ in find(text, kinds=WARNING_KINDS)]


def test_the_allow_list_matches_however_the_number_is_written(settings):
    settings.GUIDE_PUBLIC_CONTACTS = ["020 7946 0000"]
    for written in ("020-7946-0000", "+44 20 7946 0000", "0044 (0)20 7946 0000", "02079460000"):
        assert gate.personal_details(f"Switchboard: {written}") == [], written
    assert gate.personal_details("Call 020 7946 0001")


@pytest.mark.parametrize(
    "name, text",
    [
        ("Zoe\u0308", "We now phone Zo\u00eb every week"),  # a letter and an accent mark
        ("Zo\u00eb", "We now phone Zoe\u0308 every week"),
        ("Mary  Ann", "Mary Ann said so"),  # two spaces in the name
        ("Mary Ann", "Mary\nAnn said so"),
        ("Ann", "&#65;nn said so"),  # an entity in the text
    ],
)
def test_a_known_name_is_found_however_it_is_written(name, text):
    from site_content.personal_details import find

    assert [kind for kind, _ in find(text, kinds=[], names=[name])] == ["name"]


def test_a_name_is_not_found_inside_another_word():
    from site_content.personal_details import find

    assert find("Annual review", kinds=[], names=["Ann"]) == []
