"""How numbers read on every page, chart, CSV and report: plain, with no trailing zeros."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache


def plain_number(value, *, missing: str = "not reported", places: int = 2) -> str:
    """``12.50`` -> ``12.5``, ``3.00`` -> ``3``, ``None`` -> ``missing``; at most ``places``
    decimal places, rounded half up as people round."""
    if value is None:
        return missing
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@cache
def _english():
    # Imported when first needed: inflect checks its own types as it loads, which takes
    # seconds, and most processes (every manage.py command) never say "1 person".
    import inflect

    return inflect.engine()


def unit_for(figure: str, unit: str) -> str:
    """``unit`` as said after ``figure``: for exactly one, its plural noun made singular (the
    last word that is a plural noun: "1 organisation", "1 care home", "1 carer supported",
    "1 person"); otherwise as written."""
    unit = unit.strip()
    if figure not in ("1", "-1"):
        return unit
    words = unit.split(" ")
    for n in range(len(words) - 1, -1, -1):
        one = _english().singular_noun(words[n]) if words[n].isalpha() else False
        if one:
            words[n] = one
            return " ".join(words)
    return unit


def figure_with_unit(value, unit: str, *, missing: str = "not reported") -> str:
    """A figure with its unit: ``40%``, ``250 people``, ``1 person``."""
    if value is None:
        return missing
    text = plain_number(value)
    unit = unit.strip()
    return f"{text}%" if unit == "%" else f"{text} {unit_for(text, unit)}".strip()


def plain_time(value) -> str:
    """A clock time as people write it (GOV.UK style): ``10am``, ``2:30pm``, ``midday``,
    ``midnight``; a date and time gives its time."""
    if value is None or value == "":
        return ""
    hour, minute = value.hour, value.minute
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "midday"
    twelve = hour % 12 or 12
    return f"{twelve}{f':{minute:02d}' if minute else ''}{'am' if hour < 12 else 'pm'}"
