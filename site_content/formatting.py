"""How numbers read on every page, chart, CSV and report: plain, with no trailing zeros."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


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


def figure_with_unit(value, unit: str, *, missing: str = "not reported") -> str:
    """A figure with its unit: ``40%``, ``250 people``."""
    if value is None:
        return missing
    text = plain_number(value)
    unit = unit.strip()
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()
