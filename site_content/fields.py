"""Form fields shared by every app's forms."""

from django import forms

_BIGGEST_ID = 2**63 - 1


def _plausible_id(value) -> bool:
    # A database refuses (or overflows on) ids that are not small whole numbers; say "not a
    # choice" instead of asking it.
    text = str(value).strip()
    return text.isdigit() and text.isascii() and int(text) <= _BIGGEST_ID


def id_from_query(value) -> int | None:
    """An id typed into a URL's query (``?locality=12``), or None when it cannot be one: a
    filter given nonsense or a number no database holds shows everything, never an error."""
    return int(str(value).strip()) if value and _plausible_id(value) else None


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _plausible_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not _plausible_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class PersonChoiceField(ModelChoiceField):
    """Choose a person by the name they go by (not their email address)."""

    def label_from_instance(self, obj):
        return obj.display_name


class DateInput(forms.DateInput):
    """The browser's own date picker, which also accepts a typed date (YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
