"""Workspace forms. Each validates what a person typed and explains problems in plain words."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from engagement.core.action_forms import ActionFormBase
from engagement.models import Action, Milestone, Priority, ProgrammePhase, ProgressEntry, Tag
from engagement.models.figures import figure_problem
from site_content import dates
from site_content.fields import (
    AsksForFilesAgain,
    CheckedFileField,
    DateInput,
    ModelChoiceField,
    ModelMultipleChoiceField,
    NoticesOtherSaves,
    PersonChoiceField,
)


class GroupedTagField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, group, **kwargs):
        super().__init__(queryset=Tag.objects.filter(group=group), required=False, **kwargs)


class ProgressEntryForm(AsksForFilesAgain, forms.ModelForm):
    """A progress entry. A draft needs nothing; submitting needs date, phase and what we did."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sds_steps = GroupedTagField(
        Tag.SDS_STEP,
        label="Steps of self-directed support",
        help_text="The steps a person takes to plan and run their own support, from setting "
        "a budget to reviewing how it went. Tick any this was about.",
    )
    pct_tools = GroupedTagField(
        Tag.PCT_TOOL,
        label="Person-centred thinking tools",
        help_text="Simple ways of finding out what matters to a person, such as "
        "“good day / bad day”. Tick any you used.",
    )
    who = GroupedTagField(Tag.WHO, label="Who it is about")
    attachments = CheckedFileField(
        extensions=settings.ATTACHMENT_EXTENSIONS,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        multiple=True,
        label="Attachments (optional)",
    )

    class Meta:
        model = ProgressEntry
        fields = [
            "entry_date",
            "phase",
            "what_we_did",
            "what_we_learned",
            "next_steps",
            "is_learning",
        ]
        field_classes = {"phase": ModelChoiceField}
        widgets = {
            "entry_date": DateInput(),
            "what_we_did": forms.Textarea(attrs={"rows": 5}),
            "what_we_learned": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "entry_date": "The day it happened.",
            "what_we_did": "Who was involved and what happened.",
            "what_we_learned": "What worked, what did not, and what surprised you.",
            "is_learning": "Tick if other places could learn from this. "
            "The programme team may use it in the published guide.",
        }
        labels = {"entry_date": "Date", "next_steps": "What we will do next"}

    def __init__(self, *args, locality, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.locality = locality
        self.submitting = submitting
        phases = ProgrammePhase.objects.filter(programme_id=locality.programme_id).order_by(
            "sort_order"
        )
        self.fields["phase"].queryset = phases
        self.first_phase = phases.first()
        # Work in the set-up weeks, before the first phase began, has no phase.
        self.fields["phase"].empty_label = "Set-up, before the first phase began"
        self.fields["phase"].help_text = (
            "The programme phase this belongs to. Choose “Set-up” for work before "
            f"{self.first_phase.start_date:%-d %B %Y}."
            if self.first_phase
            else "The programme has no phases yet: this is set-up work."
        )
        if not self.is_bound and not self.instance.pk:
            # A new entry starts in the phase today falls in (set-up before the first).
            today = timezone.localdate()
            current = [p for p in phases if p.start_date <= today]
            if current:
                self.initial.setdefault("phase", current[-1].pk)
        # Optional for a draft, needed to save to the log: the label must not say "optional".
        for name in self.NEEDED_TO_SUBMIT:
            self.fields[name].needed_to_submit = True
        chosen = list(self.instance.tags.all()) if self.instance.pk else []
        self.earlier_tags = chosen
        self.programme = locality.programme
        own = self.programme.own_tags()
        if own:
            # The programme's own tags replace the usual three lists; a tag since taken off
            # the list stays on the entries that have it.
            for name in ("sds_steps", "pct_tools", "who"):
                del self.fields[name]
            kept = [t.name for t in chosen if t.group == Tag.OWN and t.name not in own]
            self.fields["own_tags"] = forms.MultipleChoiceField(
                label="Tags",
                choices=[(n, n) for n in [*own, *kept]],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="The programme's own tags. Tick any that fit.",
            )
            self.initial.setdefault("own_tags", [t.name for t in chosen if t.group == Tag.OWN])
        else:
            for name, group in (
                ("sds_steps", Tag.SDS_STEP),
                ("pct_tools", Tag.PCT_TOOL),
                ("who", Tag.WHO),
            ):
                self.initial.setdefault(name, [t.pk for t in chosen if t.group == group])
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    NEEDED_TO_SUBMIT = {
        "entry_date": "Enter the date",
        "phase": "Choose the phase",
        "what_we_did": "Enter what you did",
    }

    def clean(self):
        cleaned = super().clean()
        day, phase = cleaned.get("entry_date"), cleaned.get("phase")
        first = self.first_phase
        # Set-up work: before the first phase began, or while the programme has no phases yet.
        set_up = phase is None and day is not None and (first is None or day < first.start_date)
        if self.submitting:
            for name, message in self.NEEDED_TO_SUBMIT.items():
                if name == "phase" and set_up:
                    continue  # set-up work: before the first phase, no phase to choose
                if not cleaned.get(name) and name not in self.errors:
                    if name == "phase" and first is not None and day is not None:
                        message = (
                            f"Choose the phase: “Set-up” is only for work before "
                            f"{first.start_date:%-d %B %Y}"
                        )
                    self.add_error(name, message)
        words = ("what_we_did", "what_we_learned", "next_steps")
        if (  # a draft of nothing is not worth keeping
            not self.submitting
            and not any(cleaned.get(name) for name in words)
            and "what_we_did" not in self.errors
        ):
            self.add_error("what_we_did", "Write something before saving a draft")
        if day and phase and not phase.contains(day):
            self.add_error(
                "entry_date",
                f"The date must be within the phase “{phase.name}”, which runs from "
                f"{phase.start_date:%-d %B %Y} to {phase.end_date:%-d %B %Y}.",
            )
        return cleaned

    def chosen_tags(self):
        """What was ticked, plus the tags of the other kind the entry already had (tags from
        before the programme switched lists stay; the form does not offer them)."""
        if "own_tags" in self.fields:
            kept = [t for t in self.earlier_tags if t.group != Tag.OWN]
            return kept + [Tag.own(self.programme, n) for n in self.cleaned_data["own_tags"]]
        kept = [t for t in self.earlier_tags if t.group == Tag.OWN]
        return kept + [
            *self.cleaned_data["sds_steps"],
            *self.cleaned_data["pct_tools"],
            *self.cleaned_data["who"],
        ]

    def entry_data(self) -> dict:
        return {
            "entry_date": self.cleaned_data.get("entry_date"),
            "phase": self.cleaned_data.get("phase"),
            "what_we_did": self.cleaned_data.get("what_we_did", ""),
            "what_we_learned": self.cleaned_data.get("what_we_learned", ""),
            "next_steps": self.cleaned_data.get("next_steps", ""),
            "is_learning": self.cleaned_data.get("is_learning", False),
        }


class ActionForm(ActionFormBase):
    owner = PersonChoiceField(
        queryset=None,
        required=False,
        empty_label="No owner yet",
        help_text="Someone in the locality team.",
        error_messages={"invalid_choice": "Choose an owner from the team"},
    )
    source_entry = ModelChoiceField(
        queryset=None,
        required=False,
        label="Progress entry it came from (optional)",
        empty_label="None",
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "owner",
            "due_date",
            "status",
            "priority",
            "source_note",
        ]
        field_classes = {"priority": ModelChoiceField}
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"due_date": "When it should be done by."}
        error_messages = {"title": {"required": "Enter a title for the action"}}

    def __init__(self, *args, locality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.locality = locality
        self.owners_from(Q(memberships__locality=locality), "first_name", "last_name")
        self.fields["priority"].queryset = Priority.objects.filter(locality=locality)
        self.fields["priority"].empty_label = "None"
        self.fields["priority"].label = "The priority it serves (optional)"
        self.fields["priority"].help_text = "One of the development plan's priorities."
        self.fields["source_entry"].queryset = ProgressEntry.objects.filter(
            locality=locality, status=ProgressEntry.SUBMITTED
        ).order_by("-entry_date")
        entry = self.instance.pk and self.instance.source_type_id and self.instance.source
        if isinstance(entry, ProgressEntry):
            self.initial.setdefault("source_entry", self.instance.source_id)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Action.STATUS_CHOICES)


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    priorities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="What matters most locally. One priority per line. Each new line also "
        "appears on the Priorities page, where you link it to milestones and actions (and "
        "remove it, if it is no longer a priority).",
    )
    proposals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="What the locality proposes to do about each priority.",
    )

    def clean_priorities(self):
        """Each line becomes a priority, whose name is never cut short unsaid."""
        text = self.cleaned_data["priorities"]
        most = Priority._meta.get_field("title").max_length
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line.strip()) > most:
                raise forms.ValidationError(
                    f"Line {number} is {len(line.strip()):,} characters long. Keep each "
                    f"priority to {most} characters or fewer, and write the detail under "
                    "proposals."
                )
        return text


class MilestoneReportForm(forms.Form):
    milestone = ModelChoiceField(queryset=None, empty_label="Choose a milestone")
    value = forms.DecimalField(
        label="Figure",
        max_digits=12,
        decimal_places=2,
        help_text="The locality's own figure, in the milestone's unit.",
        error_messages={"invalid": "Enter the figure as a number, for example 12.5"},
    )
    reported_on = forms.DateField(
        label="Date of the figure", widget=DateInput(), validators=[dates.not_in_future]
    )
    note = forms.CharField(max_length=300, required=False, label="Note (optional)")

    def __init__(self, *args, locality, milestone=None, **kwargs):
        """``milestone``: a figure being corrected keeps its milestone, so none is asked."""
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        if milestone is not None:
            del self.fields["milestone"]
        else:
            self.fields["milestone"].queryset = Milestone.objects.filter(
                programme_id=locality.programme_id
            )

    def clean(self):
        data = super().clean()
        problem = figure_problem(self.milestone or data.get("milestone"), data.get("value"))
        if problem:
            self.add_error("value", problem)
        return data


class PriorityForm(NoticesOtherSaves, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "milestones"]
        field_classes = {"milestones": ModelMultipleChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "milestones": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": "The priority",
            "description": "What it means for us (optional)",
            "milestones": "The programme milestones that show progress on it (optional)",
        }
        help_texts = {"title": "In a few words, for example: paid work for ten people."}
        error_messages = {
            "title": {
                "required": "Enter the priority",
                "max_length": "Keep the priority to 200 characters or fewer",
            }
        }

    def __init__(self, *args, locality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones"].queryset = Milestone.objects.filter(
            programme_id=locality.programme_id
        )
