"""Programme management rules: risk scores and the heat map, overdue reviews, raising a risk
to an issue, issues becoming actions, board reports frozen when written, and answers to
advisory groups (through the same PointResponse that answers expert panels)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from engagement.models import BoardReport, ConsultationPoint, PointResponse, Project, RegisterItem
from engagement.workspace.hub import action_from

LEVELS = [5, 4, 3, 2, 1]


def heat_map(items) -> list[dict]:
    """Rows of open risks by impact (5 at the top) and likelihood (1 to 5), with counts."""
    counts = {
        (row["impact"], row["likelihood"]): row["n"]
        for row in items.filter(kind=RegisterItem.RISK, status=RegisterItem.OPEN)
        .exclude(likelihood=None)
        .values("impact", "likelihood")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        {
            "impact": impact,
            "cells": [
                {
                    "likelihood": likelihood,
                    "count": counts.get((impact, likelihood), 0),
                    "score": impact * likelihood,
                    "band": _band(impact * likelihood),
                }
                for likelihood in (1, 2, 3, 4, 5)
            ],
        }
        for impact in LEVELS
    ]


def _band(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


def overdue(items, today=None):
    today = today or timezone.localdate()
    return items.filter(status=RegisterItem.OPEN, review_on__lt=today).order_by("review_on")


def top_risks(items, n=5) -> list[RegisterItem]:
    risks = list(
        items.filter(kind=RegisterItem.RISK, status=RegisterItem.OPEN).select_related("owner")
    )
    return sorted(risks, key=lambda r: (-(r.score or 0), r.review_on or timezone.localdate()))[:n]


@transaction.atomic
def raise_to_issue(risk: RegisterItem, *, by) -> RegisterItem:
    """The risk has happened: open an issue that remembers the risk, and close the risk."""
    risk = RegisterItem.objects.select_for_update().get(pk=risk.pk)
    if risk.kind != RegisterItem.RISK:
        raise ValueError("Only a risk can be raised to an issue.")
    issue = RegisterItem.objects.create(
        programme_id=risk.programme_id,
        project_id=risk.project_id,
        kind=RegisterItem.ISSUE,
        title=risk.title,
        description=risk.description,
        cause=risk.cause,
        effect=risk.effect,
        impact=risk.impact,
        owner_id=risk.owner_id,
        response=risk.response,
        review_on=timezone.localdate(),
        raised_from=risk,
    )
    risk.status = RegisterItem.CLOSED
    risk.response = (risk.response + "\n" if risk.response else "") + (
        f"Became an issue on {timezone.localdate():%-d %B %Y}."
    )
    risk.save()
    return issue


def action_from_issue(issue, *, by, **choices):
    """An issue becomes an action on a locality's list (``choices`` as ActionFromForm gives)."""
    return action_from(issue, by=by, description=issue.description, **choices)


def benefit_rows(programme):
    return list(programme.benefits.select_related("owner").prefetch_related("milestones"))


def snapshot(programme) -> dict:
    """The programme's state now, as plain data, so a report says what it said on its day."""
    items = programme.register.all()
    return {
        "projects": [
            {
                "title": p.title,
                "status": p.get_status_display(),
                "note": p.status_note,
                "tranche": p.tranche.name if p.tranche else "",
                "manager": p.manager.display_name if p.manager else "",
            }
            for p in Project.objects.filter(programme=programme).select_related(
                "tranche", "manager"
            )
        ],
        "tranches": [
            {
                "name": t.name,
                "dates": f"{t.starts_on:%-d %b %Y} to {t.ends_on:%-d %b %Y}",
                "end_state": t.end_state,
                "review": f"{t.review_point}: {t.review_findings}".strip(": ")
                if t.review_point or t.review_findings
                else "",
            }
            for t in programme.tranches.all()
        ],
        "benefits": [
            {
                "title": b.title,
                "baseline": b.display(b.baseline),
                "target": b.display(b.target),
                "current": b.display(b.current),
                "progress": b.progress,
            }
            for b in benefit_rows(programme)
        ],
        "top_risks": [
            {
                "title": r.title,
                "score": r.score,
                "rating": r.rating,
                "owner": r.owner.display_name if r.owner else "",
                "response": r.response,
            }
            for r in top_risks(items)
        ],
        "open_issues": items.filter(kind=RegisterItem.ISSUE, status=RegisterItem.OPEN).count(),
        "overdue_reviews": overdue(items).count(),
    }


@transaction.atomic
def write_board_report(programme, *, by, title, period, executive_summary, decisions_needed):
    return BoardReport.objects.create(
        programme=programme,
        title=title,
        period=period,
        executive_summary=executive_summary,
        decisions_needed=decisions_needed,
        snapshot=snapshot(programme),
        written_by=by,
    )


@transaction.atomic
def respond_to_point(point: ConsultationPoint, *, by, decision, reason, what_changed, action=None):
    """The programme's answer to an advisory group's point: one PointResponse model for
    panels and advisory groups alike."""
    response = PointResponse.record(
        point=point,
        by=by,
        decision=decision,
        reason=reason,
        what_changed=what_changed,
        action=action,
    )
    return response
