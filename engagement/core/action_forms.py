"""What the two action forms share (a locality's list and a working group's): the version
that stops two people's saves overwriting each other, and owners drawn from the place's people
(and whoever owns the action now)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q


class ActionFormBase(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def owners_from(self, people: Q, *order: str) -> None:
        """The owner is one of ``people``; or whoever owns the action now, even after leaving,
        so that saving another change does not quietly take the action away from them."""
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(people | Q(pk=self.instance.owner_id))
            .distinct()
            .order_by(*order)
        )
