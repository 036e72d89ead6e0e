"""The Action hub: how any domain turns something (a proposition, a register issue, a point
agreed at an event) into an action on a locality's list. Actions are made only through
``engagement.workspace.services.create_action``; this module offers the one form for it."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from engagement import access
from engagement.models import Action, LocalityMembership, LocalityPage
from engagement.workspace.services import create_action
from site_content import dates
from site_content.fields import DateInput, ModelChoiceField, PersonChoiceField


def action_from(
    source,
    *,
    title,
    by,
    locality=None,
    group=None,
    description="",
    owner=None,
    due_date=None,
    note="",
) -> Action:
    """Put an action that came from ``source`` on ``locality``'s list, or on a working
    ``group``'s (a meeting of the group), with a link back."""
    return create_action(
        locality=locality,
        group=group,
        creator=by,
        source=source,
        data={
            "title": title.strip(),
            "description": description,
            "owner": owner,
            "due_date": due_date,
            "source_note": note,
        },
    )


def action_lists_for(user, localities):
    """Of ``localities``, those on whose action list ``user`` may put an action."""
    allowed = [loc.pk for loc in localities if access.can_manage_actions(user, loc)]
    return LocalityPage.objects.filter(pk__in=allowed).order_by("title")


def list_owners_by_locality(field, localities) -> None:
    """An action owner field's names listed under their locality, so the right team's people
    are easy to find when the form also asks whose list the action goes on."""
    field.help_text = "Someone in that locality's team: names are listed under their locality."
    by_locality: dict[str, list] = {}
    for place in (
        LocalityMembership.objects.filter(locality__in=localities)
        .select_related("user", "locality")
        .order_by("locality__title", "user__first_name", "user__last_name", "user__email")
    ):
        by_locality.setdefault(place.locality.title, []).append(
            (place.user.pk, place.user.display_name)
        )
    field.choices = [("", field.empty_label), *by_locality.items()]


class ActionFromForm(forms.Form):
    """Turn something into an action: whose list, what will be done, who and by when."""

    locality = ModelChoiceField(
        label="Whose action list does it go on?",
        queryset=LocalityPage.objects.none(),
        empty_label="Choose a locality",
        error_messages={"required": "Choose the locality whose action list this goes on"},
    )
    title = forms.CharField(
        label="What will be done",
        max_length=200,
        error_messages={
            "required": "Enter what will be done",
            "max_length": "Keep it to 200 characters or fewer",
        },
    )
    owner = PersonChoiceField(
        label="Who will do it (optional)",
        help_text="Someone in that locality's team.",
        queryset=None,
        required=False,
        empty_label="No one yet",
        error_messages={"invalid_choice": "Choose someone from the locality's team"},
    )
    due_date = forms.DateField(
        label="Done by (optional)",
        required=False,
        widget=DateInput(),
        validators=[dates.plausible],
    )

    def __init__(self, *args, localities=None, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            # A meeting of a working group: its actions go on the group's own list.
            del self.fields["locality"]
            self.fields["owner"].help_text = "One of the group's members."
            self.fields["owner"].error_messages["invalid_choice"] = (
                "Choose one of the group's members"
            )
            self.fields["owner"].queryset = (
                get_user_model()
                .objects.filter(group_places__group=group)
                .order_by("first_name", "last_name", "email")
            )
            return
        self.fields["locality"].queryset = localities
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(memberships__locality__in=localities)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        if len(localities) > 1:
            list_owners_by_locality(self.fields["owner"], localities)
        if len(localities) == 1 and "locality" not in self.initial:
            self.fields["locality"].initial = localities[0].pk

    def clean(self):
        cleaned = super().clean()
        owner, locality = cleaned.get("owner"), cleaned.get("locality")
        if owner and locality and not owner.memberships.filter(locality=locality).exists():
            self.add_error("owner", "Choose someone from that locality's team")
        return cleaned
