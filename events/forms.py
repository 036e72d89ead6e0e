from django import forms

from .models import Registration


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "taking_part_as",
            "access_needs",
            "dietary_needs",
            "companions",
            "consent_to_contact",
        ]
        labels = {
            "name": "Your name",
            "email": "Email address",
            "taking_part_as": "How are you taking part?",
            "access_needs": "Access needs (optional)",
            "dietary_needs": "Food and drink needs (optional)",
            "companions": "How many people are coming with you?",
            "consent_to_contact": "You may contact me about this event and what happens next",
        }
        help_texts = {
            "email": "We send your confirmation and a calendar file here.",
            "access_needs": "For example: step-free access, a hearing loop, a quiet space, "
            "large print.",
            "companions": "The person you care for or a supporter. Each person needs a place.",
        }
        widgets = {
            "taking_part_as": forms.RadioSelect,
            "access_needs": forms.Textarea(attrs={"rows": 3}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": "Enter your name"},
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address like name@example.org",
            },
            "taking_part_as": {"required": "Choose how you are taking part"},
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
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
