"""Story forms: told online without an account, or entered by a locality member. Every field
says what is wrong in plain words; files are checked by what they contain, not their name."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.html import format_html

from accounts.names import WrittenInLetters, written_in_letters
from engagement.models import LocalityPage, Story
from engagement.stories.services import IN_PERSON_FIELDS
from site_content import uploads
from site_content.fields import (
    AsksForFilesAgain,
    CheckedFileField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    clean_text,
)


def optional_words(label: str, *, rows: int, max_length: int, help_text: str = ""):
    """A text box people may leave empty."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=max_length,
    )


def check_first_name_quoted(form, cleaned, *, whose: str = "your") -> None:
    """A first name is shown only with a quote."""
    if cleaned.get("consent_first_name") and not cleaned.get("consent_quote"):
        form.add_error(
            "consent_first_name",
            f"To show {whose} first name, also tick that we may quote {whose} story",
        )


class StoryForm(AsksForFilesAgain, forms.Form):
    """The public form. Field order is the order people meet the questions."""

    text = forms.CharField(
        label="Your story",
        help_text="Tell us about a time when support worked well for you or someone you care "
        "for. Write as much or as little as you like.",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    recording = CheckedFileField(
        label="Or send a voice recording (optional)",
        extensions=uploads.RECORDINGS,
        max_bytes=settings.STORY_RECORDING_MAX_BYTES,
        keep_name=False,
    )
    picture = CheckedFileField(
        label="Or send a picture (optional)",
        extensions=uploads.IMAGES,
        max_bytes=settings.STORY_PICTURE_MAX_BYTES,
        keep_name=False,
    )
    picture_description = optional_words(
        "What does the picture show? (optional)",
        help_text="Say what is in it, so people who cannot see it know.",
        rows=2,
        max_length=2000,
    )
    feeling = forms.ChoiceField(
        label="How did it feel? (optional)",
        # The faces are for the eye; a screen reader says only the words.
        choices=[
            (value, format_html('<span aria-hidden="true">{}</span> {}', *label.split(" ", 1)))
            for value, label in Story.FEELING_CHOICES
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    strengths = ModelMultipleChoiceField(
        label="Which of these helped? (optional)",
        help_text="Tick all that apply.",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list of what made it good"},
    )
    what_made_it_good = optional_words(
        "What made it good, in your own words (optional)", rows=3, max_length=5000
    )
    teller = forms.ChoiceField(
        label="Who are you?",
        choices=[],  # the programme's own list, set below
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you are"},
    )
    locality = ModelChoiceField(
        label="Where do you live? (optional)",
        queryset=LocalityPage.objects.none(),
        required=False,
        empty_label="I would rather not say",
        error_messages={"invalid_choice": "Choose a place from the list"},
    )
    setting = forms.ChoiceField(
        label="Where did it happen? (optional)",
        choices=[("", "I would rather not say")] + Story.SETTING_CHOICES,
        required=False,
    )
    consent_learning = forms.BooleanField(
        label="The people running this inquiry may read my story to learn from it",
        help_text="We need this to use your story at all. They are the inquiry's own team and "
        "the programme's moderators. Only the moderators and the people who run the team see "
        "your name, email and address. Other teams in the programme read only a version with "
        "your name and anything that could identify you taken out.",
        error_messages={"required": "Tick that the team may read your story, or we cannot use it"},
    )
    consent_quote = forms.BooleanField(
        label="You may quote my story, without my name, in things you publish",
        help_text="We take out names, addresses and anything else that could identify you.",
        required=False,
    )
    consent_first_name = forms.BooleanField(
        label="You may show my first name with the quote",
        required=False,
    )
    first_name = forms.CharField(
        label="Your first name (optional)",
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        validators=[written_in_letters("your first name")],
    )
    email = forms.EmailField(
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        label="Your email address (optional)",
        help_text="If you give one, we send you a private link to read, change or take back "
        "your story, and tell you what changed because of it.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    # A field people never see; bots fill it in.
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry
        self.fields["strengths"].queryset = inquiry.strengths.all()
        tellers = inquiry.teller_choices()
        self.fields["teller"].choices = tellers
        self.fields["teller"].error_messages["invalid_choice"] = "Choose who you are from the list"
        if inquiry.programme_id:
            self.fields["locality"].queryset = LocalityPage.objects.filter(
                programme_id=inquiry.programme_id
            ).live()
        if inquiry.locality_id:
            self.fields["locality"].initial = inquiry.locality_id
        self.fields["text"].max_length = settings.STORY_MAX_CHARS
        # Words, a recording or a picture is needed: do not call the words "optional".
        self.fields["text"].needed_to_submit = True

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    # What the form says to the storyteller (the team's form for a story told in person says
    # it about them).
    TOO_LONG = (
        "Your story is {length:,} characters long. It must be {limit:,} characters or fewer: "
        "send the rest as a second story, or as a recording."
    )
    NOTHING_TOLD = "Tell us your story: write it here, or send a recording or a picture"
    NAME_NEEDED = "Enter your first name, or untick showing it"
    WHOSE = "your"

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if len(text) > settings.STORY_MAX_CHARS:
            raise forms.ValidationError(
                self.TOO_LONG.format(length=len(text), limit=settings.STORY_MAX_CHARS)
            )
        return text

    def clean_picture_description(self):
        return clean_text(self.cleaned_data["picture_description"])

    def clean_what_made_it_good(self):
        return clean_text(self.cleaned_data["what_made_it_good"])

    def clean_first_name(self):
        return clean_text(self.cleaned_data["first_name"])

    def clean(self):
        cleaned = super().clean()
        told = cleaned.get("text") or cleaned.get("recording") or cleaned.get("picture")
        # Said only when nothing was sent: a story too long, or a file refused, has its own.
        refused = any(self.errors.get(name) for name in ("text", "recording", "picture"))
        if not told and not refused:
            self.add_error("text", self.NOTHING_TOLD)
        if cleaned.get("picture") and not cleaned.get("picture_description"):
            self.add_error("picture_description", "Say what the picture shows")
        name_shown = cleaned.get("consent_first_name")
        # Takes consent_first_name out if it fails.
        check_first_name_quoted(self, cleaned, whose=self.WHOSE)
        if name_shown and not cleaned.get("first_name"):
            self.add_error("first_name", self.NAME_NEEDED)
        return cleaned


class FacilitatedStoryForm(StoryForm):
    """A story collected in person, entered by a member of the locality team."""

    collected = forms.ChoiceField(
        label="How was the story collected?",
        choices=[c for c in Story.COLLECTED_CHOICES if c[0] != Story.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the story was collected"},
    )
    consent_method = forms.ChoiceField(
        label="How was consent given?",
        choices=[c for c in Story.CONSENT_METHOD_CHOICES if c[0] != "online"],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how consent was given"},
    )
    consent_taken_by = forms.CharField(
        label="Who took the consent?",
        max_length=200,
        error_messages={"required": "Enter who took the consent"},
    )
    scan = CheckedFileField(
        label="The recording or a scan of the paper form (optional)",
        extensions=(*uploads.IMAGES, "pdf", *uploads.RECORDINGS),
        max_bytes=settings.STORY_RECORDING_MAX_BYTES,
        keep_name=False,
    )
    postal_address = optional_words(
        "Postal address for a letter about what changed (optional)", rows=3, max_length=500
    )
    on_behalf = forms.BooleanField(
        label="Someone else gave consent because the person could not",
        help_text="For example, for someone living with dementia who cannot decide this "
        "themselves.",
        required=False,
    )
    consenter_name = forms.CharField(
        label="Who gave consent? (if on the person's behalf)", max_length=200, required=False
    )
    consenter_relationship = forms.CharField(
        label="Their relationship to the person (if on the person's behalf)",
        max_length=200,
        required=False,
    )
    best_interests_note = optional_words(
        "Why sharing the story is in the person's best interests (if on the person's behalf)",
        help_text="As the Mental Capacity Act expects: what the person would want, and who "
        "was asked.",
        rows=3,
        max_length=3000,
    )

    field_order = IN_PERSON_FIELDS

    TOO_LONG = (
        "The story is {length:,} characters long. It must be {limit:,} characters or fewer: "
        "enter the rest as a second story, or add the recording."
    )
    NOTHING_TOLD = "Enter the story in the storyteller's words, or add a recording or a picture"
    NAME_NEEDED = "Enter the storyteller's first name, or untick showing it"
    WHOSE = "their"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["consent_learning"].error_messages["required"] = (
            "Tick that the team may read the story, or it cannot be used"
        )
        self.fields["teller"].error_messages.update(
            required="Choose who told the story",
            invalid_choice="Choose who told the story from the list",
        )
        # Said about the storyteller, not "your": the names check is swapped, the length kept.
        self.fields["first_name"].validators = [
            check
            for check in self.fields["first_name"].validators
            if not isinstance(check, WrittenInLetters)
        ] + [written_in_letters("the storyteller's first name")]
        self.fields["text"].label = "The story"
        self.fields["text"].help_text = "In the storyteller's words, as far as you can."
        self.fields["teller"].label = "Who told the story?"
        self.fields["consent_learning"].label = "The team may read the story to learn from it"
        self.fields[
            "consent_quote"
        ].label = "It may be quoted, without a name, in published material"
        self.fields["consent_first_name"].label = "Their first name may be shown with the quote"
        self.fields["first_name"].label = "The storyteller's first name (optional)"
        self.fields["email"].label = "The storyteller's email address (optional)"

    @property
    def is_bot(self) -> bool:
        return False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("on_behalf"):
            for name, message in (
                ("consenter_name", "Enter who gave consent on the person's behalf"),
                ("consenter_relationship", "Enter their relationship to the person"),
                (
                    "best_interests_note",
                    "Say why sharing the story is in the person's best interests",
                ),
            ):
                if not clean_text(cleaned.get(name)):
                    self.add_error(name, message)
        return cleaned


class ConsentForm(forms.Form):
    """What the storyteller can change from their private link."""

    consent_quote = StoryForm.base_fields["consent_quote"]
    consent_first_name = StoryForm.base_fields["consent_first_name"]

    def clean(self):
        cleaned = super().clean()
        check_first_name_quoted(self, cleaned)
        return cleaned


class ThemeForm(forms.Form):
    """A theme the team found in the stories."""

    name = forms.CharField(
        label="Theme",
        max_length=120,
        help_text="A part of what made support good, for example “Staff who know me”.",
        error_messages={
            "required": "Enter a name for the theme",
            "max_length": "Keep the theme's name to 120 characters or fewer",
        },
    )
    description = optional_words("What it means", rows=2, max_length=1000)

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Enter a name for the theme")
        return name

    def clean_description(self):
        return clean_text(self.cleaned_data["description"])


class NewThemeForm(forms.Form):
    """A theme typed while coding a story, beside the themes ticked."""

    new_theme = forms.CharField(
        label="A new theme",
        required=False,
        max_length=ThemeForm.base_fields["name"].max_length,
        error_messages={"max_length": "Keep the theme's name to 120 characters or fewer"},
    )

    def clean_new_theme(self):
        return clean_text(self.cleaned_data["new_theme"])


class PropositionForm(forms.Form):
    """What could be, if the good in the stories happened more often."""

    text = forms.CharField(
        label="New proposition",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write it as if it were already true, for example “Everyone has a named "
        "person who knows them”.",
        error_messages={
            "required": "Write the proposition: what could be, if good happened more",
            "max_length": "Keep the proposition to 2,000 characters or fewer",
        },
    )
    themes = ModelMultipleChoiceField(
        label="Which themes does it come from?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the themes listed"},
    )

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = inquiry.themes.all()

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(
                "Write the proposition: what could be, if good happened more"
            )
        return text
