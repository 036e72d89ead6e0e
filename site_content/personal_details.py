"""Spotting personal details in free text: used by story moderation (warnings) and by the
publication gate in guide/ (refusals). One set of patterns for both."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 01632 960000, 020 7946 0000, (01632) 960 000, +44 1632 960000, 07700 900000
PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?\d{2,5}|\(?0\d{2,5}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_STREET = (
    r"Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Court|Crescent|Gardens|Place|"
    r"Terrace|Grove|Hill|Row|Square|View|Walk"
)
ADDRESS = re.compile(rf"\b\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{_STREET})\b")
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})"
    rf"\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
# A title and a name ("Mrs Patel", "Dr. Okafor"), or "my <relation> <Name>".
NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Nurse|Sister)\.?\s+[A-Z][a-z'-]+"
    r"|(?i:my|our|her|his)\s+(?i:husband|wife|son|daughter|mum|dad|mother|father|partner|"
    r"carer|friend|neighbour|brother|sister|nan|grandson|granddaughter)\s+[A-Z][a-z'-]+)"
)

KINDS = [
    ("email address", EMAIL),
    ("phone number", PHONE),
    ("postcode", POSTCODE),
]
# Moderation looks harder than the gate: it warns a person, who judges.
WARNING_KINDS = KINDS + [("address", ADDRESS), ("date", DATE), ("name", NAME)]


def _normal(text: str) -> str:
    return re.sub(r"[\s()-]", "", text).lower()


def find(text: str, *, kinds=KINDS, allowed=(), names=()) -> list[tuple[str, str]]:
    """(kind, what) for every personal detail in ``text``; ``allowed`` values are skipped and
    ``names`` (known names of the person) are always reported."""
    allowed_normal = {_normal(a) for a in allowed}
    found = []
    for kind, pattern in kinds:
        for match in pattern.finditer(text or ""):
            value = match.group().strip()
            if _normal(value) not in allowed_normal:
                found.append((kind, value))
    for name in names:
        name = (name or "").strip()
        if len(name) > 1 and re.search(rf"\b{re.escape(name)}\b", text or "", re.IGNORECASE):
            found.append(("name", name))
    return list(dict.fromkeys(found))
