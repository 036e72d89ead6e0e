"""Board reports, frozen on the day they were written."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from engagement.models import BoardReport
from engagement.programme import services
from engagement.programme.forms import BoardReportForm
from engagement.programme.views.common import (
    form_page,
    may_manage,
    may_read,
    programme_page,
    programme_view,
)
from site_content.once import once_only


@programme_view(may_read)
def report_list(request, programme):
    reports = programme.board_reports.select_related("written_by")
    return programme_page(request, programme, "engagement/programme/reports.html", reports=reports)


@programme_view(may_manage)
@once_only
def report_new(request, programme):
    form = BoardReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.write_board_report(programme, by=request.user, **form.cleaned_data)
        messages.success(request, "The board report is ready to print.")
        return redirect("programme:board_report", programme.slug, report.pk)
    return form_page(
        request,
        programme,
        form,
        title="Write a board report",
        intro="The report takes the status of every project and tranche, the benefits, the top "
        "risks and the open issues as they are now, and keeps them as they were today.",
        back=reverse("programme:board_reports", args=[programme.slug]),
        status=400 if request.method == "POST" else 200,
        once=True,
    )


@programme_view(may_read)
def report_detail(request, programme, pk):
    report = get_object_or_404(BoardReport, programme=programme, pk=pk)
    return render(
        request,
        "engagement/programme/report.html",
        {
            "programme": programme,
            "report": report,
            "data": report.snapshot,
            "decisions": [d for d in report.decisions_needed.splitlines() if d.strip()],
        },
    )
