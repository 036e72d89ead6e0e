"""Programme management forms, all rendered with the shared accessible form template."""

from __future__ import annotations

from django import forms

from engagement import access
from engagement.models import (
    Benefit,
    CommsItem,
    Consultation,
    LocalityPage,
    PointResponse,
    Project,
    RegisterItem,
    Stakeholder,
    Tranche,
)
from site_content.fields import (
    DateInput,
    ModelChoiceField,
    ModelMultipleChoiceField,
    NoticesOtherSaves,
    PersonChoiceField,
)


class ProgrammeForm(NoticesOtherSaves, forms.ModelForm):
    """A ModelForm whose people and places come from one programme; a save after someone
    else's is sent back rather than writing over it."""

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        for name, field in self.fields.items():
            if name in ("owner", "manager"):
                self.fields[name] = PersonChoiceField(
                    queryset=access.people_of([programme.pk])
                    .distinct()
                    .order_by("first_name", "last_name"),
                    required=False,
                    label=field.label,
                    help_text=field.help_text,
                    empty_label="Nobody yet",
                    error_messages={"invalid_choice": "Choose someone from the list"},
                )
        if "locality" in self.fields:
            self.fields["locality"].queryset = LocalityPage.objects.filter(programme=programme)
        if "tranche" in self.fields:
            self.fields["tranche"].queryset = Tranche.objects.filter(programme=programme)
        if "benefits" in self.fields:
            self.fields["benefits"].queryset = Benefit.objects.filter(programme=programme)
        if "project" in self.fields:
            self.fields["project"].queryset = Project.objects.filter(programme=programme)
        if "milestones" in self.fields:
            self.fields["milestones"].queryset = programme.milestones.all()


class ProjectForm(ProgrammeForm):
    REASSIGNING = ("manager", "locality")

    def __init__(self, *args, may_reassign: bool, **kwargs):
        """``may_reassign``: whether the editor may change who manages the project and its
        locality (``access.can_reassign_project``); a manager edits the rest."""
        super().__init__(*args, **kwargs)
        if not may_reassign:
            for name in self.REASSIGNING:
                del self.fields[name]

    class Meta:
        model = Project
        fields = [
            "title",
            "purpose",
            "scope",
            "outputs",
            "outcomes",
            "status",
            "status_note",
            "manager",
            "board",
            "locality",
            "tranche",
            "benefits",
        ]
        field_classes = {
            "locality": ModelChoiceField,
            "tranche": ModelChoiceField,
            "benefits": ModelMultipleChoiceField,
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "outputs": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "board": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
            "benefits": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": "Project name",
            "purpose": "Purpose: why the project exists",
            "scope": "Scope: what it covers, and what it does not",
            "manager": "Project manager",
            "board": "Project board",
            "locality": "Locality (if it belongs to one)",
            "tranche": "Tranche",
            "benefits": "Benefits it contributes to",
        }
        error_messages = {
            "title": {"required": "Enter the project's name"},
            "purpose": {"required": "Say why the project exists"},
        }


class RegisterItemForm(ProgrammeForm):
    class Meta:
        model = RegisterItem
        fields = [
            "kind",
            "title",
            "description",
            "cause",
            "effect",
            "likelihood",
            "impact",
            "owner",
            "response",
            "status",
            "review_on",
            "project",
        ]
        field_classes = {"project": ModelChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "effect": forms.Textarea(attrs={"rows": 2}),
            "response": forms.Textarea(attrs={"rows": 3}),
            "likelihood": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "status": forms.RadioSelect,
            "review_on": DateInput(),
        }
        labels = {
            "kind": "Is it a risk or an issue?",
            "title": "In a few words",
            "likelihood": "How likely is it? (risks only)",
            "impact": "How bad would it be?",
            "project": "Project (leave empty for the whole programme)",
        }
        help_texts = {
            "kind": "A risk might happen. An issue has happened.",
            "review_on": "When to look at it again.",
        }
        error_messages = {
            "title": {"required": "Say what the risk or issue is"},
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].choices = RegisterItem.SCALE
        if project is not None:  # a project manager works on their own project's register
            self.fields["project"].queryset = Project.objects.filter(pk=project.pk)
            self.fields["project"].required = True
            self.fields["project"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == RegisterItem.RISK and not cleaned.get("likelihood"):
            self.add_error("likelihood", "Choose how likely the risk is")
        return cleaned


class TrancheForm(ProgrammeForm):
    class Meta:
        model = Tranche
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "end_state",
            "review_point",
            "review_on",
            "review_findings",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "review_on": DateInput(),
            "end_state": forms.Textarea(attrs={"rows": 3}),
            "review_findings": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "starts_on": "Start date",
            "ends_on": "End date",
            "end_state": "What will be true at the end",
            "review_on": "Review date",
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end must be on or after the start")
        return cleaned


class BenefitForm(ProgrammeForm):
    class Meta:
        model = Benefit
        fields = [
            "title",
            "measure",
            "unit",
            "baseline",
            "target",
            "current",
            "measured_on",
            "owner",
            "milestones",
        ]
        field_classes = {"milestones": ModelMultipleChoiceField}
        widgets = {"measured_on": DateInput(), "milestones": forms.CheckboxSelectMultiple}
        labels = {
            "current": "Latest figure (optional)",
            "measured_on": "Measured on",
            "milestones": "Milestones it is linked to",
        }
        error_messages = {
            "target": {"invalid": "Enter the target as a number, like 30"},
            "baseline": {"invalid": "Enter the starting point as a number, like 2"},
            "current": {"invalid": "Enter the latest figure as a number"},
        }


class StakeholderForm(ProgrammeForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "group", "interest", "influence", "is_champion", "notes"]
        widgets = {
            "interest": forms.RadioSelect,
            "influence": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "interest": "How much do they care about the programme?",
            "influence": "How much can they change what happens?",
        }


class CommsItemForm(ProgrammeForm):
    class Meta:
        model = CommsItem
        fields = [
            "audience",
            "message",
            "channel",
            "planned_on",
            "owner",
            "sent_on",
            "what_was_sent",
        ]
        widgets = {
            "planned_on": DateInput(),
            "sent_on": DateInput(),
            "message": forms.Textarea(attrs={"rows": 2}),
            "what_was_sent": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"planned_on": "Date planned", "sent_on": "Date sent (when it has gone)"}


class BoardReportForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    period = forms.CharField(
        max_length=100,
        help_text='For example "April to June 2027".',
        error_messages={"required": "Enter the period the report covers"},
    )
    executive_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the board most needs to know, in plain English.",
        error_messages={"required": "Write the executive summary"},
    )
    decisions_needed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One per line.",
    )


class ConsultationForm(ProgrammeForm):
    class Meta:
        model = Consultation
        fields = ["group", "held_on", "members_present", "public"]
        widgets = {"held_on": DateInput(), "members_present": forms.Textarea(attrs={"rows": 3})}
        labels = {"group": "Advisory group", "held_on": "Date of the meeting"}


class PointForm(forms.Form):
    raised = forms.CharField(
        label="What the group said",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        error_messages={"required": "Write what the group said"},
    )


class PointResponseForm(forms.ModelForm):
    class Meta:
        model = PointResponse
        fields = ["decision", "reason", "what_changed"]
        widgets = {
            "decision": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "what_changed": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "decision": "Our answer",
            "reason": "Why",
            "what_changed": "What we did (or will do)",
        }
        error_messages = {"decision": {"required": "Choose our answer"}}
