"""Figures for the programme dashboard, computed in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from engagement.models import Action, LocalityPage, Milestone, MilestoneReport, ProgressEntry
from site_content.formatting import figure_with_unit


@dataclass
class LocalitySummary:
    """The few locality fields the dashboard shows (full page objects are costly to build)."""

    pk: int
    title: str
    slug: str
    workspace_url: str


@dataclass
class LocalityRow:
    locality: LocalitySummary
    phase_name: str
    recent_entries: int
    open_actions: int
    overdue_actions: int
    figures: dict = field(default_factory=dict)  # milestone id -> latest value (or None)
    units: dict = field(default_factory=dict)  # milestone id -> its unit ("%", "people")

    @property
    def figure_cells(self) -> list[str]:
        """The figures as table text with their units, as the targets in the headings are
        shown ("7.6%", "12 people"), worked out here rather than in a template loop."""
        return [figure_with_unit(v, self.units.get(pk, "")) for pk, v in self.figures.items()]


@dataclass
class Dashboard:
    programme: object
    current_phase: object
    milestones: list
    rows: list
    today: datetime.date

    def milestone_columns(self):
        """Per milestone, the rows' latest figures and how many localities have met the target."""
        columns = []
        for m in self.milestones:
            values = [(r.locality.title, r.figures.get(m.pk)) for r in self.rows]
            reached = sum(1 for _, v in values if v is not None and v >= m.target)
            columns.append({"milestone": m, "values": values, "reached": reached})
        return columns


def build_dashboard(programme, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=30)
    latest_phase = (
        ProgressEntry.objects.filter(locality=OuterRef("pk"), status=ProgressEntry.SUBMITTED)
        .exclude(phase=None)
        .order_by("-entry_date", "-pk")
        .values("phase__name")[:1]
    )

    def count_of(queryset):
        # A correlated count per locality: no join fan-out between entries and actions.
        counted = queryset.filter(locality=OuterRef("pk")).order_by().values("locality")
        return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")[:1]), 0)

    entries = ProgressEntry.objects.filter(status=ProgressEntry.SUBMITTED, submitted_at__gte=since)
    active = Action.objects.filter(status__in=Action.ACTIVE)
    localities = (
        LocalityPage.objects.filter(programme=programme)
        .live()
        .order_by("title")
        .annotate(
            recent_entries=count_of(entries),
            open_actions=count_of(active),
            overdue_actions=count_of(active.filter(due_date__lt=today)),
            phase_name=Subquery(latest_phase),
        )
    )
    milestones = list(Milestone.objects.filter(programme=programme).order_by("sort_order"))
    latest: dict[tuple[int, int], Decimal] = {}
    reports = MilestoneReport.objects.filter(locality__programme=programme).order_by(
        "reported_on", "pk"
    )
    for locality_id, milestone_id, value in reports.values_list(
        "locality_id", "milestone_id", "value"
    ):
        latest[(locality_id, milestone_id)] = value
    url_pattern = reverse("workspace:home", args=["SLUG"])
    rows = [
        LocalityRow(
            locality=LocalitySummary(
                loc["pk"], loc["title"], loc["slug"], url_pattern.replace("SLUG", loc["slug"])
            ),
            phase_name=loc["phase_name"] or "",
            recent_entries=loc["recent_entries"],
            open_actions=loc["open_actions"],
            overdue_actions=loc["overdue_actions"],
            figures={m.pk: latest.get((loc["pk"], m.pk)) for m in milestones},
            units={m.pk: m.unit for m in milestones},
        )
        for loc in localities.values(
            "pk", "title", "slug", "phase_name", "recent_entries", "open_actions", "overdue_actions"
        )
    ]
    return Dashboard(
        programme=programme,
        current_phase=programme.current_phase(today),
        milestones=milestones,
        rows=rows,
        today=today,
    )
