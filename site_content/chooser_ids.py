"""A chooser's hidden id in a Wagtail edit form that is not an id (``abc``, ``²``, 23 digits,
as only a hand-made request sends) gets the form back with "Select a valid choice", never a
server error. Wagtail's chooser widgets look the value up again to draw the form, catching only
"no such row"; Django's choice field lets SQLite's "number too large" through; a chooser block
in a page's body reads its value the same way. All are wrapped here, once, for every chooser
(pages, snippets, images, documents, stories, group reports). So is the hidden id of a row
of a page's inline lists (phases, milestones, places): modelcluster reads it without the
guard Django's own formsets have, and such a row is taken as a new one, as Django takes it."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseTransientModelFormSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks import ChooserBlock

from site_content.fields import plausible_id


def _integer_keyed(model) -> bool:
    key = model._meta.pk
    while key.is_relation:  # a page type's key is its link to the base Page row
        key = key.target_field
    return isinstance(key, models.IntegerField)


def _not_an_id(model, value) -> bool:
    return (
        value is not None
        and not isinstance(value, models.Model)
        and _integer_keyed(model)
        and not plausible_id(value)
    )


def install() -> None:
    original_instance = BaseChooser.get_instance
    original_to_python = forms.ModelChoiceField.to_python
    block_to_python = ChooserBlock.to_python
    block_from_form = ChooserBlock.value_from_form

    def get_instance(self, value):
        if _not_an_id(self.model_class, value):
            return None  # nothing chosen yet; the form says the choice is not valid
        return original_instance(self, value)

    def chosen_in_block(original):
        def read(self, value):
            return None if _not_an_id(self.model_class, value) else original(self, value)

        return read

    def to_python(self, value):
        try:
            return original_to_python(self, value)
        except OverflowError as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc

    original_check_values = forms.ModelMultipleChoiceField._check_values

    def check_values(self, value):
        """A list of ids (an event's teams in the page editor, a person's groups in Django's
        admin): one too big for the database is "not one of the choices", not an error."""
        by_id = not self.to_field_name and _integer_keyed(self.queryset.model)
        for one in value or () if by_id else ():
            if isinstance(one, str) and one.isdigit() and not plausible_id(one):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": one},
                )
        return original_check_values(self, value)

    original_construct = BaseTransientModelFormSet._construct_form

    def construct_row(self, i, **kwargs):
        try:
            return original_construct(self, i, **kwargs)
        except (ValidationError, KeyError):  # not an id, or no id sent at all
            kwargs["instance"] = self.model()
            return super(BaseModelFormSet, self)._construct_form(i, **kwargs)

    BaseTransientModelFormSet._construct_form = construct_row
    BaseChooser.get_instance = get_instance
    forms.ModelChoiceField.to_python = to_python
    forms.ModelMultipleChoiceField._check_values = check_values
    ChooserBlock.to_python = chosen_in_block(block_to_python)
    ChooserBlock.value_from_form = chosen_in_block(block_from_form)
