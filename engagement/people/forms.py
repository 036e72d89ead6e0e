"""Forms for teams, groups and invitations. Each explains problems in plain words."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.db.models import Q

from accounts.names import written_in_letters
from engagement.core.action_forms import ActionFormBase
from engagement.models import Action, GroupMembership, GroupNote, WorkingGroup
from engagement.people.services import MAX_DAYS
from site_content.fields import (
    AsksForFilesAgain,
    CheckedFileField,
    DateInput,
    NoticesOtherSaves,
    PersonChoiceField,
)

CSV_MAX_BYTES = 1024 * 1024

DAYS_HELP = f"From 1 to {MAX_DAYS}. After that the link stops working."


def days_field():
    return forms.IntegerField(
        label="How many days the invitation lasts",
        min_value=1,
        max_value=MAX_DAYS,
        initial=14,
        help_text=DAYS_HELP,
        error_messages={
            "required": "Enter how many days the invitation lasts, for example 14.",
            "invalid": "Enter a whole number of days, for example 14.",
            "min_value": "An invitation lasts at least 1 day.",
            "max_value": f"An invitation lasts {MAX_DAYS} days at the most.",
        },
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )


class InviteForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        validators=[written_in_letters("their first name")],
    )
    last_name = forms.CharField(
        label="Last name (optional)",
        max_length=150,
        required=False,
        validators=[written_in_letters("their last name")],
    )
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation is sent here. Only this address can accept it.",
        max_length=254,
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address like name@example.org.",
            "max_length": "An email address has 254 characters at the most.",
        },
    )
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect)
    is_lead = forms.BooleanField(
        label="Make them a locality lead",
        required=False,
        help_text="Leads manage the team and may invite members.",
    )
    days = days_field()

    def __init__(self, *args, roles, may_invite_leads: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["role"].error_messages["required"] = "Choose the role they will have."
        self.fields["first_name"].error_messages["required"] = "Enter their first name."
        if not may_invite_leads:
            del self.fields["is_lead"]


class CsvInviteForm(AsksForFilesAgain, forms.Form):
    file = CheckedFileField(
        extensions=("csv",),
        max_bytes=CSV_MAX_BYTES,
        label="The CSV file",
        help_text="Save your spreadsheet as CSV. The first row names the columns: email, "
        "first name, last name, locality (or group), role and, if wanted, lead (yes or no). "
        "Up to 1 MB.",
    )
    days = days_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = True
        self.fields["file"].error_messages["required"] = "Choose the CSV file to upload."

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            raise forms.ValidationError("Choose the CSV file to upload.")
        return upload


class InvitationSignupForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter your first name."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        validators=[written_in_letters("your first name")],
    )
    last_name = forms.CharField(
        label="Last name (optional)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        validators=[written_in_letters("your last name")],
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters. A few words strung together are easy to remember.",
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again."},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class GroupForm(NoticesOtherSaves, forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "kind", "remit", "starts_on", "ends_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "remit": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        labels = {
            "name": "Name of the group",
            "kind": "Kind of group",
            "remit": "What the group is for",
        }
        help_texts = {"remit": "Say what it will hand back when it finishes, too."}
        error_messages = {
            "name": {
                "required": "Enter the group's name.",
                "max_length": "Keep the name to 120 characters or fewer.",
            },
            "remit": {"required": "Say what the group is for."},
            "kind": {
                "required": "Choose the kind of group.",
                "invalid_choice": "Choose the kind of group from the list.",
            },
            "starts_on": {"required": "Enter the start date.", "invalid": "Enter a real date."},
            "ends_on": {"invalid": "Enter a real date."},
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = WorkingGroup.objects.filter(programme=self.programme, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("The programme already has a group with this name.")
        return name

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return data


class AddMemberForm(forms.Form):
    person = PersonChoiceField(
        queryset=None,
        label="Person",
        empty_label="Choose someone",
        help_text="People already in the programme. Invite anyone else by email below.",
        error_messages={"required": "Choose who to add."},
    )
    role = forms.ChoiceField(
        label="Role", choices=GroupMembership.ROLE_CHOICES, initial=GroupMembership.MEMBER
    )

    def __init__(self, *args, people, may_add_conveners: bool, **kwargs):
        # Its own ids: the invitation form on the same page also has a "role", and the error
        # summary's link to one must not land on the other.
        kwargs.setdefault("auto_id", "id_add_%s")
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        if not may_add_conveners:
            self.fields["role"].choices = [
                c for c in GroupMembership.ROLE_CHOICES if c[0] == GroupMembership.MEMBER
            ]


class GroupNoteForm(AsksForFilesAgain, forms.ModelForm):
    file = CheckedFileField(
        extensions=settings.ATTACHMENT_EXTENSIONS,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        label="A file (optional)",
    )

    class Meta:
        model = GroupNote
        fields = ["written_on", "text"]
        widgets = {"written_on": DateInput(), "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"text": "A meeting, a decision or something the group found out."}
        error_messages = {
            "written_on": {"required": "Enter the date.", "invalid": "Enter a real date."},
            "text": {"required": "Say what happened."},
        }


class GroupActionForm(ActionFormBase):
    """Something the group will do: what, who (one of its members) and by when."""

    owner = PersonChoiceField(
        queryset=None,
        required=False,
        label="Who will do it (optional)",
        empty_label="No one yet",
        help_text="One of the group's members.",
        error_messages={"invalid_choice": "Choose one of the group's members"},
    )

    description = forms.CharField(
        label="More detail (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep the detail to 5,000 characters or fewer"},
    )

    class Meta:
        model = Action
        fields = ["title", "description", "owner", "due_date", "status"]
        labels = {"title": "What will be done", "description": "More detail (optional)"}
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"due_date": "When it should be done by (optional)."}
        error_messages = {
            "title": {
                "required": "Enter what will be done",
                "max_length": "Keep it to 200 characters or fewer",
            },
        }

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.owners_from(Q(group_places__group=group), "first_name", "last_name", "email")


class CloseGroupForm(forms.Form):
    closing_report = forms.CharField(
        label="Closing report",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What the group did, what it found and what it recommends.",
        error_messages={"required": "Write the closing report before closing the group."},
    )
    report_is_learning = forms.BooleanField(
        label="This report is learning for the guide",
        required=False,
        help_text="The programme team reviews it before anything is published.",
    )
