import datetime

from django import forms

from accounts.names import written_in_letters
from site_content.fields import ModelChoiceField

from .models import Registration


class RegistrationForm(forms.ModelForm):
    # Asked only of a member of several localities with places set aside at this event.
    booking_locality = ModelChoiceField(
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        label="Which locality's places are you booking?",
        help_text="You are in the team of more than one locality with places at this event.",
        error_messages={
            "required": "Choose which locality's places you are booking",
            "invalid_choice": "Choose one of your localities",
        },
    )
    # Asked only for an event that runs on more than one day.
    days = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which days will you come?",
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Choose days on which the event runs"},
    )

    field_order = [
        "name",
        "email",
        "taking_part_as",
        "booking_locality",
        "companions",
        "access_needs",
        "dietary_needs",
        "days",
        "overnight",
        "overnight_notes",
        "consent_to_contact",
    ]

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "taking_part_as",
            "access_needs",
            "dietary_needs",
            "companions",
            "overnight",
            "overnight_notes",
            "consent_to_contact",
        ]
        labels = {
            "name": "Your name",
            "email": "Email address",
            "taking_part_as": "How are you taking part?",
            "access_needs": "Access needs (optional)",
            "dietary_needs": "Food and drink needs (optional)",
            "companions": "How many people are coming with you?",
            "overnight": "I need somewhere to stay overnight",
            "overnight_notes": "Overnight accommodation needs (optional)",
            "consent_to_contact": "You may contact me about this event and what happens next",
        }
        help_texts = {
            "email": "We send your confirmation and a calendar file here.",
            "access_needs": "For example: step-free access, a hearing loop, a quiet space, "
            "large print.",
            "companions": "The person you care for or a supporter. Each person needs a place.",
            "overnight_notes": "For example: which nights, a ground-floor room, a room next to "
            "the person you care for.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "taking_part_as": forms.RadioSelect,
            "access_needs": forms.Textarea(attrs={"rows": 3}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "overnight_notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": "Enter your name"},
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address like name@example.org",
            },
            "taking_part_as": {"required": "Choose how you are taking part"},
            "access_needs": {
                "max_length": "Keep your access needs to 2,000 characters or fewer, or tell "
                "the organiser the rest by phone or email"
            },
            "dietary_needs": {
                "max_length": "Keep your food and drink needs to 1,000 characters or fewer"
            },
            "overnight_notes": {
                "max_length": "Keep your overnight accommodation needs to 1,000 characters or fewer"
            },
        }

    def __init__(self, *args, event, user=None, for_someone_else=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        whose = "their" if for_someone_else else "your"
        self.fields["name"].validators.append(written_in_letters(f"{whose} name"))
        if for_someone_else:
            name, email = self.fields["name"], self.fields["email"]
            name.label, email.label = "Their name", "Their email address"
            name.error_messages["required"] = "Enter their name"
            email.error_messages["required"] = "Enter their email address"
            email.help_text = (
                "We email them a link to confirm the place: no place is kept until they do."
            )
            for field in (name, email):  # the browser must not fill in the booker's own
                field.widget.attrs["autocomplete"] = "off"
        elif user is not None and not self.is_bound:
            # Signed in: their name and address are known, so nothing to type again.
            self.initial.setdefault("name", user.get_full_name())
            self.initial.setdefault("email", user.email)
        localities = event.booking_localities(user)
        if len(localities) > 1:
            field = self.fields["booking_locality"]
            field.queryset = type(localities[0]).objects.filter(pk__in=[x.pk for x in localities])
            field.required = True
        else:
            del self.fields["booking_locality"]
        if event.is_multi_day:
            self.fields["days"].choices = [
                (day.isoformat(), f"{day:%A} {day.day} {day:%B}") for day in event.days
            ]
            self.fields["days"].required = True
            self.fields["days"].error_messages["required"] = "Choose the days you will come"
        else:
            for name in ("days", "overnight", "overnight_notes"):
                del self.fields[name]
        self.fields["companions"] = forms.TypedChoiceField(
            choices=[(n, str(n)) for n in range(event.max_companions + 1)],
            coerce=int,
            initial=0,
            label=self.Meta.labels["companions"],
            help_text=self.Meta.help_texts["companions"],
            error_messages={
                "invalid_choice": f"You can bring up to {event.max_companions} people with you."
            },
        )
        self.fields["taking_part_as"].choices = Registration.TAKING_PART_CHOICES

    def clean_days(self):
        return [datetime.date.fromisoformat(day) for day in self.cleaned_data.get("days") or []]


class RecordForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("notes", "Notes"), ("group_work", "Group work")],
        widget=forms.RadioSelect,
        initial="notes",
        label="What are you recording?",
    )
    question = forms.CharField(
        max_length=300,
        required=False,
        label="The question the groups discussed, if there was group work",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What was said",
        help_text="For group work, write what each group said.",
        error_messages={"required": "Write the notes or what the groups said"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "group_work" and not cleaned.get("question", "").strip():
            self.add_error("question", "Enter the question the groups discussed")
        return cleaned


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150, error_messages={"required": "Enter a subject"})
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), error_messages={"required": "Write the message"}
    )


class TopicForm(forms.Form):
    topic = forms.CharField(
        max_length=300,
        label="Your topic",
        help_text="What would you like the congress to talk about?",
        error_messages={"required": "Enter a topic"},
    )
    name = forms.CharField(
        max_length=200,
        required=False,
        label="Your name (optional)",
        validators=[written_in_letters("your name")],
    )
