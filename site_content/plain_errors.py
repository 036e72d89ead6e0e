"""Django's general error messages ("This field is required.") said for the field they are
about, as the GOV.UK pattern asks: "Enter your email", "Choose a locality". One home, used
by the error summary and by each field's message (site_tags.plain_error)."""

from __future__ import annotations

import re

CHOICES = {"select", "radioselect", "checkboxselectmultiple", "selectmultiple"}


def _label(field) -> str:
    label = re.sub(r"\s*\(optional\)\s*$", "", str(field.label or field.name)).strip()
    return label.rstrip(":").strip()


def _lower(label: str) -> str:
    """The label inside a sentence: "Email" becomes "email", "NHS number" stays."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


# A label that already says whose or which it is ("Your email", "What we did") is used as it
# is; a bare name ("Figure") is said with "the" after "Enter" or "Choose".
SAYS_WHICH = {
    "the", "a", "an", "your", "their", "its", "his", "her", "our", "my", "this", "that",
    "these", "those", "what", "who", "whose", "when", "where", "how", "which", "why", "any",
    "each",
}  # fmt: skip
# A label that asks the person to do something ("Tell us more") is answered, like a question.
ASKS = {
    "tell", "describe", "give", "write", "say", "list", "explain", "add", "choose", "enter",
    "pick", "share", "upload", "attach", "send", "rate",
}  # fmt: skip


def _figure(text: str) -> int | str:
    """A whole number as a number, so that a message may say 5000 as 5,000 (``{0:,}``)."""
    return int(text) if text.isdigit() else text


def plain(error: str, field) -> str:
    """``error`` on ``field`` in plain words; errors the project wrote itself are kept."""
    error = str(error)
    label = _label(field)
    first = label.split(" ", 1)[0].lower()
    question = label.endswith("?") or first in ASKS
    subject = f"your answer to “{label}”" if question else _lower(label)
    widget = getattr(field, "widget_type", "")
    named = subject if question or first in SAYS_WHICH else f"the {subject}"
    if error == "This field is required.":
        if widget == "checkbox":
            return f"Tick “{label}” to go on"
        if question:
            return f"Answer “{label}”"
        return f"{'Choose' if widget in CHOICES else 'Enter'} {named}"
    if error.startswith("Select a valid choice."):
        return f"Choose {named} from the list"
    for general, said in PATTERNS:
        if match := re.fullmatch(general, error):
            figures = [_figure(found) for found in match.groups()]
            return said.format(*figures, s=named, S=subject[:1].upper() + subject[1:])
    return error


PATTERNS = [
    (r"Enter a valid date(?:/time)?\.", "{S} must be a real date, for example 27 March 2027"),
    (r"Enter a date between (\d+) and (\d+)\.", "{S} must be between {0} and {1}"),
    (r"Enter a valid time\.", "{S} must be a time, for example 2:30pm"),
    (r"Enter a whole number\.", "{S} must be a whole number, like 12"),
    (r"Enter a number\.", "{S} must be a number, like 7.5"),
    (
        r"Enter a valid email address\.",
        "Enter an email address in the right form, like name@example.org",
    ),
    (
        r"Ensure that there are no more than (\d+) digits in total\.",
        "{S} must be a number with no more than {0:,} digits",
    ),
    (
        r"Ensure that there are no more than (\d+) decimal places\.",
        "{S} must have no more than {0} figures after the point",
    ),
    (
        r"Ensure this value has at most (\d+) characters? \(it has \d+\)\.",
        "Keep {s} to {0:,} characters or fewer",
    ),
    (
        r"Ensure that there are no more than (\d+) digits before the decimal point\.",
        "{S} is too big: it can have no more than {0} figures before the point",
    ),
    (r"The submitted file is empty\.", "The file chosen for {s} is empty. Choose another file"),
    (
        r"Null characters are not allowed\.",
        "{S} has a hidden character in it that cannot be saved, often from copying and "
        "pasting. Delete the words and type them again",
    ),
    (r"Ensure this value is less than or equal to (.+)\.", "{S} must be {0} or less"),
    (r"Ensure this value is greater than or equal to (.+)\.", "{S} must be {0} or more"),
]
