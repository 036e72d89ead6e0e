"""What a person's name must be, wherever one is typed: signing up, an invitation (one at a
time or from a CSV), booking a place, suggesting a topic, telling a story, and the admin
screens that edit any of these (the rule sits on the model fields, so every model form, Django's
admin and Wagtail's user editor included, runs it)."""

import unicodedata

from django import forms
from django.utils.deconstruct import deconstructible

# Marks that force the direction of the text after them (U+202A to U+202E, U+2066 to U+2069).
TURNING_MARKS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def has_letters(value) -> bool:
    """A name has at least one letter in it, in any alphabet: a row of emoji or full stops is
    not a name, and would be how every email and list greets the person. Empty is left to the
    field's own "required" rule."""
    return not value or any(character.isalpha() for character in str(value))


@deconstructible
class WrittenInLetters:
    """A validator for a form or model field; ``what`` names the name in its message ("your
    first name", "the storyteller's first name")."""

    def __init__(self, what: str = "the name"):
        self.what = what

    def __call__(self, value):
        if value and any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in str(value)):
            raise forms.ValidationError(f"Write {self.what} on one line", code="one_line")
        if value and any(c in TURNING_MARKS for c in str(value)):
            # They make a name read differently from what it holds, in lists and emails.
            raise forms.ValidationError(
                f"Type {self.what} again: it holds a hidden character", code="hidden"
            )
        if not has_letters(value):
            raise forms.ValidationError(
                f"Enter {self.what} using letters, for example Sam", code="no_letters"
            )

    def __eq__(self, other):
        return isinstance(other, WrittenInLetters) and other.what == self.what


def written_in_letters(what: str) -> WrittenInLetters:
    return WrittenInLetters(what)
