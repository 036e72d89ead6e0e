"""What a person's name must be, wherever one is asked for (signing up, booking a place,
telling a story)."""

from django import forms


def written_in_letters(what: str):
    """A validator: a name has at least one letter in it, in any alphabet (a row of emoji or
    full stops is not a name, and would be how every email and list greets the person)."""

    def check(value):
        if value and not any(character.isalpha() for character in str(value)):
            raise forms.ValidationError(
                f"Enter {what} using letters, for example Sam", code="no_letters"
            )

    return check
