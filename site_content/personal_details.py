"""Spotting personal details in free text: used by story moderation (warnings) and by the
publication gate in guide/ (refusals). One detector for both.

Text is normalised before it is searched, so a detail cannot hide behind HTML entities
(``jo&#64;example.org``), markup or emphasis inside a number, zero-width characters, odd
dashes and spaces, full-width digits or lower case. Phone numbers are found by the
``phonenumbers`` port of libphonenumber, not by a hand-written pattern."""

from __future__ import annotations

import html
import re
import unicodedata

import phonenumbers

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# A measure that ends like a postcode ("vitamin B12 3mg"): no postcode's last part holds a
# C, K or M, so these are never one. (An ordinal, "the M6 1st exit", could be: it stays.)
_NOT_INWARD = re.compile(r"\d(?:mg|ml|kg|km|cm|mm)$", re.IGNORECASE)


class _Postcodes:
    """Postcodes, less the measures that look like one."""

    def finditer(self, text: str):
        for match in _POSTCODE.finditer(text):
            if not _NOT_INWARD.search(match.group()):
                yield match


POSTCODE = _Postcodes()
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


class _PhoneNumbers:
    """Looks like a compiled pattern (``finditer``) so every kind is searched the same way."""

    # A bare year or a short reference is not a phone number: whole numbers have 10 or more
    # digits (UK numbers with their 0, international ones with their country code).
    MIN_DIGITS = 10

    def finditer(self, text: str):
        for match in phonenumbers.PhoneNumberMatcher(
            text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
        ):
            if sum(c.isdigit() for c in match.raw_string) >= self.MIN_DIGITS:
                yield _Found(match.raw_string)


class _Found:
    def __init__(self, value: str):
        self.value = value

    def group(self) -> str:
        return self.value


PHONE = _PhoneNumbers()

KINDS = [
    ("email address", EMAIL),
    ("phone number", PHONE),
    ("postcode", POSTCODE),
]
# Moderation looks harder than the gate: it warns a person, who judges.
WARNING_KINDS = KINDS + [("address", ADDRESS), ("date", DATE), ("name", NAME)]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe63\uff0d]")
_INLINE_TAGS = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|u|wbr)\b[^>]*>",
    re.IGNORECASE,
)
_OTHER_TAGS = re.compile(r"<[^>]*>")
# Markdown emphasis or code marks inside a number: 020 *7946* 0000.
_MARKS_IN_NUMBERS = re.compile(r"(?<=[\d\s+])[*_`~]+(?=[\d\s])|(?<=\d)[*_`~]+")
_AT = re.compile(r"\s*(?:@|\[at\]|\(at\)|\{at\})\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:\[dot\]|\(dot\)|\{dot\})\s*", re.IGNORECASE)


def normalise(text: str) -> str:
    """The text as a reader sees it, with every disguise of a contact detail taken off."""
    text = text or ""
    for _ in range(3):  # entities inside entities: &amp;#64;
        text = html.unescape(text)
    text = _INLINE_TAGS.sub("", text)
    text = _OTHER_TAGS.sub(" ", text)
    text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFKC", text)
    text = _DASHES.sub("-", text)
    text = re.sub(r"[^\S\n]", " ", text)
    text = _MARKS_IN_NUMBERS.sub("", text)
    text = _AT.sub("@", text)
    return _DOT.sub(".", text)


def _normal(text: str) -> str:
    """A detail compared with the allow list: no spaces, brackets, dashes or dots; lower
    case; a UK number's +44 or 0044 read as its leading 0."""
    value = re.sub(r"[\s().-]", "", text).lower()
    return re.sub(r"^(?:\+44|0044)0?", "0", value)


def find(text: str, *, kinds=KINDS, allowed=(), names=()) -> list[tuple[str, str]]:
    """(kind, what) for every personal detail in ``text``; ``allowed`` values are skipped and
    ``names`` (known names of the person) are always reported."""
    allowed_normal = {_normal(normalise(a)) for a in allowed}
    text = normalise(text)
    found = []
    for kind, pattern in kinds:
        for match in pattern.finditer(text):
            value = match.group().strip()
            if _normal(value) not in allowed_normal:
                found.append((kind, value))
    for name in names:
        words = normalise(name).split()  # written as the text is: "Zoe" + accent is "Zoë"
        pattern = r"\s+".join(re.escape(word) for word in words)  # "Mary  Ann" is "Mary Ann"
        if len("".join(words)) > 1 and re.search(rf"\b{pattern}\b", text, re.IGNORECASE):
            found.append(("name", " ".join(words)))
    return list(dict.fromkeys(found))


def contact_details(text: str, also_allowed=()) -> list[str]:
    """What nothing public may hold: email addresses, phone numbers and postcodes in ``text``,
    other than the programme's own public contacts (``GUIDE_PUBLIC_CONTACTS``) and
    ``also_allowed``; each as words ("phone number “07700 900123”"). The guide's gate and a
    story's public version both ask this."""
    from django.conf import settings

    allowed = [*getattr(settings, "GUIDE_PUBLIC_CONTACTS", []), *also_allowed]
    return [f"{kind} “{value}”" for kind, value in find(text, allowed=allowed)]
