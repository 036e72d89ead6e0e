"""Forms for review rounds: opening one, giving feedback, responding to points."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from engagement.models import (
    OWN_WORDS,
    SCALE_CHOICES,
    STANDARD_QUESTION_SCALES,
    STANDARD_QUESTIONS,
    Feedback,
    PanelMember,
    PointResponse,
    RoundQuestion,
)
from engagement.workspace.hub import list_owners_by_locality
from site_content import dates, uploads
from site_content.fields import (
    AsksForFilesAgain,
    CheckedFileField,
    DateInput,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PersonChoiceField,
)


class MemberChoiceField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.user.display_name


class OpenRoundForm(AsksForFilesAgain, forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the review"}
    )
    introduction = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What you want the panel to look at, and why.",
    )
    document = CheckedFileField(
        extensions=uploads.DOCUMENTS,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        label="Document to review (optional)",
    )
    easy_read_document = CheckedFileField(
        extensions=uploads.DOCUMENTS,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        label="Easy Read version (optional)",
        help_text="Reviewed side by side with the document. Same file types and size.",
    )
    page = ModelChoiceField(
        queryset=Page.objects.none(),
        required=False,
        label="Or a page of the site (optional)",
        empty_label="No page",
        help_text="A page anyone can read. Send a draft as a document instead.",
    )
    closes_on = forms.DateField(
        label="Closing date",
        widget=DateInput(),
        help_text="The last day for feedback.",
        validators=[dates.plausible],
        error_messages={"required": "Enter the closing date", "invalid": "Enter a real date"},
    )
    standard_questions = forms.MultipleChoiceField(
        choices=[
            (q, f"{q} (answered {dict(SCALE_CHOICES)[STANDARD_QUESTION_SCALES[q]].lower()})")
            for q in STANDARD_QUESTIONS
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=STANDARD_QUESTIONS,
        label="Questions to ask",
    )
    extra_questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Your own questions (optional)",
        help_text="One question per line.",
    )
    extra_scale = forms.ChoiceField(
        choices=SCALE_CHOICES,
        initial=SCALE_CHOICES[0][0],
        widget=forms.RadioSelect,
        required=False,
        label="How members answer your own questions",
        help_text="Every answer is optional, and members can always add their own words.",
    )
    public = forms.BooleanField(
        required=False,
        label="Publish “You said, we did” for everyone once we have answered",
        help_text="Panel members' names are shown only if they chose that.",
    )
    invited = MemberChoiceField(
        queryset=PanelMember.objects.none(),
        label="Panel members to invite",
        error_messages={"required": "Choose at least one panel member to invite"},
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = panel.members.select_related("user")
        # The members read the page as anyone does: only a live page open to everyone (a
        # draft or a private page goes to them as a document instead).
        self.fields["page"].queryset = (
            Page.objects.live().public().filter(depth__gt=1).order_by("path")
        )

    def clean_extra_questions(self):
        text = self.cleaned_data["extra_questions"]
        limit = RoundQuestion._meta.get_field("text").max_length
        asked = [line.strip() for line in text.splitlines() if line.strip()]
        for number, question in enumerate(asked, start=1):
            if len(question) > limit:
                raise forms.ValidationError(
                    f"Keep each question to {limit} characters or fewer: your question "
                    f"{number} has {len(question):,}. Split it into two, one on each line."
                )
        return text

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("The closing date must be today or later")
        return day

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("document")
            and not cleaned.get("page")
            and "document" not in self.errors
        ):
            self.add_error("document", "Choose a document or a page for the panel to review")
        if not self.questions():
            self.add_error("standard_questions", "Choose or write at least one question")
        return cleaned

    def questions(self) -> list[tuple[str, str]]:
        """(question, scale) for each question asked, standard ones first."""
        data = getattr(self, "cleaned_data", {})
        own = [q.strip() for q in (data.get("extra_questions") or "").splitlines() if q.strip()]
        scale = data.get("extra_scale") or SCALE_CHOICES[0][0]
        return [
            *((q, STANDARD_QUESTION_SCALES[q]) for q in data.get("standard_questions") or []),
            *((q, scale) for q in own),
        ]


class FeedbackForm(forms.Form):
    """One rating (in words) and a free-text answer for each question of a round."""

    def __init__(self, *args, review_round, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(review_round.questions.all())
        if on_behalf:
            given = review_round.feedback.values_list("member_id", flat=True)
            self.fields["member"] = ModelChoiceField(
                queryset=review_round.invited.exclude(pk__in=given).select_related("user"),
                label="Whose feedback is this?",
                empty_label="Choose a panel member",
                error_messages={"required": "Choose the panel member whose feedback this is"},
            )
            self.fields["member"].label_from_instance = lambda m: m.user.display_name
            self.fields["how_given"] = forms.ChoiceField(
                choices=[c for c in Feedback.HOW_CHOICES if c[0] != Feedback.ONLINE],
                widget=forms.RadioSelect,
                label="How was it given?",
                error_messages={"required": "Choose how the feedback was given"},
            )
        for n, question in enumerate(self.questions, start=1):
            if question.scale != OWN_WORDS:
                self.fields[f"rating_{question.pk}"] = forms.ChoiceField(
                    choices=question.choices,
                    widget=forms.RadioSelect,
                    required=False,
                    label=f"{n}. {question.text} (optional)",
                    error_messages={
                        "invalid_choice": f"Choose one of the answers to question {n}, or "
                        "leave it out"
                    },
                )
                text_label = f"Tell us more about question {n} (optional)"
            else:
                text_label = f"{n}. {question.text} (optional)"
            self.fields[f"text_{question.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=5000,
                label=text_label,
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(
            cleaned.get(f"rating_{q.pk}") or cleaned.get(f"text_{q.pk}", "").strip()
            for q in self.questions
        ):
            raise forms.ValidationError(
                "Answer at least one question, or write something in your own words"
            )
        return cleaned

    def answers(self) -> dict:
        """question id: (rating, text); a rating left out is "" (counted as not answered)."""
        return {
            q.pk: (
                self.cleaned_data.get(f"rating_{q.pk}") or "",
                self.cleaned_data[f"text_{q.pk}"].strip(),
            )
            for q in self.questions
        }


class ResponseForm(forms.Form):
    decision = forms.ChoiceField(
        choices=PointResponse.DECISION_CHOICES,
        widget=forms.RadioSelect,
        label="Our decision",
        error_messages={"required": "Choose a decision"},
    )
    what_changed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What we changed",
        help_text="Needed if you accepted the point, or part of it.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Why",
        help_text="Needed if you did not accept the point.",
    )
    make_action = forms.BooleanField(
        required=False, label="Add an action to a locality's list so the change is tracked"
    )
    action_locality = ModelChoiceField(
        queryset=None,
        required=False,
        label="Whose list (optional)",
        empty_label="Choose a locality",
        help_text="The locality whose team will do it.",
    )
    owner = PersonChoiceField(
        queryset=None,
        required=False,
        empty_label="No owner yet",
        label="Action owner (optional)",
        help_text="Someone in that locality's team.",
        error_messages={"invalid_choice": "Choose an owner from the team"},
    )

    def __init__(self, *args, review_round, **kwargs):
        from django.contrib.auth import get_user_model

        from engagement.models import LocalityPage

        super().__init__(*args, **kwargs)
        for name in ("what_changed", "reason"):  # needed for some decisions: not "(optional)"
            self.fields[name].needed_to_submit = True
        panel = review_round.panel
        self.panel_locality = panel.locality
        localities = LocalityPage.objects.filter(programme_id=panel.programme_id).order_by("title")
        self.fields["action_locality"].queryset = localities
        self.fields["action_locality"].initial = panel.locality_id
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(memberships__locality__programme_id=panel.programme_id)
            .distinct()
            .order_by("first_name", "last_name")
        )
        list_owners_by_locality(self.fields["owner"], localities)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == PointResponse.NOT_ACCEPTED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Say why the point was not accepted")
        chosen = cleaned.get("owner") or (
            cleaned.get("action_locality") not in (None, self.panel_locality)
        )
        if chosen and not cleaned.get("make_action"):
            # Never dropped unsaid: an owner or a list chosen means an action was wanted.
            self.add_error(
                "make_action",
                "Tick this box to add the action, or choose “No owner yet” and the panel's "
                "own locality",
            )
        if cleaned.get("make_action"):
            locality = cleaned.get("action_locality") or self.panel_locality
            cleaned["action_locality"] = locality
            owner = cleaned.get("owner")
            if locality is None:
                self.add_error(
                    "action_locality", "Choose the locality whose list the action goes on"
                )
            elif owner is not None and not owner.memberships.filter(locality=locality).exists():
                self.add_error("owner", "Choose an owner from that locality's team")
        if (
            cleaned.get("decision") in (PointResponse.ACCEPTED, PointResponse.PARTLY)
            and not cleaned.get("what_changed", "").strip()
        ):
            self.add_error("what_changed", "Say what changed, or what will change")
        return cleaned
