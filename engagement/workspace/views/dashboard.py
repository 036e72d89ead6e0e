"""The programme dashboard across localities, and its CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from engagement import access
from engagement.core.charts import bar_chart_svg
from engagement.models import ProgrammePage
from engagement.workspace.dashboard import build_dashboard
from site_content.exports import csv_download


def _dashboard_programme(request, slug):
    programme = ProgrammePage.objects.live().filter(slug=slug).first()
    if programme is None or not access.can_view_dashboard(request.user, programme.pk):
        raise Http404("No dashboard here")
    return programme


@login_required
def dashboard(request, slug):
    programme = _dashboard_programme(request, slug)
    data = build_dashboard(programme)
    rows = data.rows
    charts = {
        "entries": bar_chart_svg(
            [(r.locality.title, r.recent_entries) for r in rows],
            labelledby="entries-title entries-desc",
        ),
        "open": bar_chart_svg(
            [(r.locality.title, r.open_actions) for r in rows], labelledby="open-title open-desc"
        ),
        "overdue": bar_chart_svg(
            [(r.locality.title, r.overdue_actions) for r in rows],
            labelledby="overdue-title overdue-desc",
            bar_class="bar bar--overdue",
        ),
    }
    milestone_charts = [
        {
            **col,
            "svg": bar_chart_svg(
                col["values"],
                labelledby=f"ms{i}-title ms{i}-desc",
                target=col["milestone"].target,
            ),
            "n": i,
        }
        for i, col in enumerate(data.milestone_columns(), start=1)
    ]
    return render(
        request,
        "engagement/workspace/dashboard.html",
        {
            "programme": programme,
            "data": data,
            "charts": charts,
            "milestone_charts": milestone_charts,
            "busiest": max(rows, key=lambda r: r.recent_entries, default=None),
            "most_overdue": max(rows, key=lambda r: r.overdue_actions, default=None),
            "total_open": sum(r.open_actions for r in rows),
            "can_run_groups": access.can_create_group(request.user, programme.pk),
            "can_invite": access.can_invite_in_programme(request.user, programme.pk),
        },
    )


@login_required
def dashboard_csv(request, slug):
    programme = _dashboard_programme(request, slug)
    data = build_dashboard(programme)
    header = [
        "Locality",
        "Phase of latest entry",
        "Entries in last 30 days",
        "Open actions",
        "Overdue actions",
    ] + [f"{m.title} ({m.unit}, target {m.target})" for m in data.milestones]
    rows = (
        [
            row.locality.title,
            row.phase_name,
            row.recent_entries,
            row.open_actions,
            row.overdue_actions,
        ]
        + ["" if row.figures[m.pk] is None else row.figures[m.pk] for m in data.milestones]
        for row in data.rows
    )
    return csv_download(
        request,
        filename=f"{programme.slug}-dashboard-{data.today}.csv",
        header=header,
        rows=rows,
        what=f"Dashboard CSV of {programme.title}",
    )
