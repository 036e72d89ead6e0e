"""Programme management: benefits, projects, tranches, the risk and issue register,
stakeholders and communications, board reports, and advisory-group consultations."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from engagement.models.pages import LocalityPage, Milestone, ProgrammePage
from site_content import dates
from site_content.formatting import figure_with_unit


class Benefit(models.Model):
    """A benefit the programme promises, with how it is measured and who owns it."""

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="benefits")
    title = models.CharField(max_length=200)
    measure = models.CharField(max_length=200, help_text="How it is measured.")
    unit = models.CharField(max_length=40, blank=True)
    baseline = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    current = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    measured_on = models.DateField(null=True, blank=True, validators=[dates.not_in_future])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="benefits")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def progress(self) -> int | None:
        """How far from baseline to target the latest figure is, in per cent (0 to 100)."""
        if self.current is None or self.target == self.baseline:
            return None
        share = (self.current - self.baseline) / (self.target - self.baseline) * 100
        return max(0, min(100, round(share)))

    def display(self, value) -> str:
        return figure_with_unit(value, self.unit, missing="not measured yet")

    @property
    def baseline_display(self) -> str:
        return self.display(self.baseline)

    @property
    def current_display(self) -> str:
        return self.display(self.current)

    @property
    def target_display(self) -> str:
        return self.display(self.target)


class Tranche(models.Model):
    """A dated step of the programme with its end state and a review point."""

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="tranches")
    name = models.CharField(max_length=120)
    starts_on = models.DateField(validators=[dates.plausible])
    ends_on = models.DateField(validators=[dates.plausible])
    end_state = models.TextField(
        help_text='In plain words, e.g. "One process for assessments and personal budgets".'
    )
    review_point = models.CharField(max_length=60, blank=True, help_text='e.g. "Year 1".')
    review_on = models.DateField(null=True, blank=True, validators=[dates.plausible])
    review_findings = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.name


class Project(models.Model):
    """A project inside a programme (or one locality), with its brief and board."""

    PROPOSED, INITIATED, DELIVERY, CLOSED = "proposed", "initiated", "delivery", "closed"
    STATUS_CHOICES = [
        (PROPOSED, "Proposed"),
        (INITIATED, "Initiated"),
        (DELIVERY, "In delivery"),
        (CLOSED, "Closed"),
    ]
    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="projects")
    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    tranche = models.ForeignKey(
        Tranche, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    scope = models.TextField(blank=True)
    outputs = models.TextField(blank=True, help_text="What the project will make. One per line.")
    outcomes = models.TextField(blank=True, help_text="What will be different. One per line.")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_projects",
    )
    board = models.TextField(blank=True, help_text="Who sits on the project board. One per line.")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PROPOSED)
    status_note = models.CharField("latest progress", max_length=300, blank=True)
    benefits = models.ManyToManyField(Benefit, blank=True, related_name="projects")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class RegisterItem(models.Model):
    """A risk (something that might happen) or an issue (something that has happened)."""

    RISK, ISSUE = "risk", "issue"
    KIND_CHOICES = [(RISK, "Risk"), (ISSUE, "Issue")]
    OPEN, CLOSED = "open", "closed"
    STATUS_CHOICES = [(OPEN, "Open"), (CLOSED, "Closed")]
    SCALE = [(1, "1 Very low"), (2, "2 Low"), (3, "3 Medium"), (4, "4 High"), (5, "5 Very high")]

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="register")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="register"
    )
    kind = models.CharField(max_length=5, choices=KIND_CHOICES, default=RISK)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    impact = models.PositiveSmallIntegerField(choices=SCALE, default=3)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField("what we are doing about it", blank=True)
    status = models.CharField(max_length=6, choices=STATUS_CHOICES, default=OPEN)
    review_on = models.DateField("review by", null=True, blank=True, validators=[dates.plausible])
    raised_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="raised_as"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_on", "pk"]
        indexes = [models.Index(fields=["programme", "kind", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def score(self) -> int | None:
        """Likelihood times impact (1 to 25) for a risk; issues have happened, so no score."""
        if self.kind != self.RISK or not self.likelihood:
            return None
        return self.likelihood * self.impact

    @property
    def rating(self) -> str:
        score = self.score
        if score is None:
            return ""
        return "High" if score >= 15 else "Medium" if score >= 8 else "Low"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.OPEN and self.review_on is not None and self.review_on < today


class Stakeholder(models.Model):
    """A person or group with a stake in the programme, placed by interest and influence."""

    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(max_length=200)
    group = models.CharField(max_length=120, blank=True, help_text='e.g. "Providers".')
    interest = models.PositiveSmallIntegerField(choices=RegisterItem.SCALE, default=3)
    influence = models.PositiveSmallIntegerField(choices=RegisterItem.SCALE, default=3)
    is_champion = models.BooleanField("a named champion", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-influence", "-interest", "name"]

    def __str__(self):
        return self.name

    @property
    def approach(self) -> str:
        high_interest, high_influence = self.interest >= 3, self.influence >= 3
        if high_influence and high_interest:
            return "Manage closely"
        if high_influence:
            return "Keep satisfied"
        if high_interest:
            return "Keep informed"
        return "Monitor"


class CommsItem(models.Model):
    """One line of the communications plan, and what was actually sent."""

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="comms")
    audience = models.CharField(max_length=200)
    message = models.TextField()
    channel = models.CharField(max_length=120, help_text='e.g. "Newsletter", "Meeting".')
    planned_on = models.DateField(validators=[dates.plausible])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField(null=True, blank=True, validators=[dates.not_in_future])
    what_was_sent = models.TextField(blank=True)

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = "communications plan item"

    def __str__(self):
        return f"{self.audience}: {self.channel} on {self.planned_on}"


class BoardReport(models.Model):
    """A report to the partnership board, frozen when it is written so history stays true."""

    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="board_reports"
    )
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=100, help_text='e.g. "April to June 2027".')
    executive_summary = models.TextField()
    decisions_needed = models.TextField(blank=True, help_text="One per line.")
    snapshot = models.JSONField(default=dict)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return self.title


class Consultation(models.Model):
    """A meeting with an advisory group: who was there and what they raised."""

    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="consultations"
    )
    group = models.CharField(max_length=200, help_text='e.g. "Older People\'s Advisory Group".')
    held_on = models.DateField(validators=[dates.not_in_future])
    members_present = models.TextField(blank=True, help_text="One per line, or a number.")
    public = models.BooleanField(
        "publish as “you said, we did”",
        default=False,
        help_text="Shows the points raised "
        "and our responses on a public page. Names of members are never shown.",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.group}, {self.held_on:%-d %B %Y}"


class ConsultationPoint(models.Model):
    """One issue an advisory group raised. The programme's answer is a PointResponse, the
    same model that answers expert panels."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="points")
    raised = models.TextField("what the group said")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.raised[:80]
