"""Advisory-group consultations, answered point by point (and published when chosen)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from engagement import access
from engagement.models import Consultation, ConsultationPoint
from engagement.programme import services
from engagement.programme.forms import ConsultationForm, PointForm, PointResponseForm
from engagement.programme.views.common import (
    form_page,
    may_manage,
    may_read,
    programme_page,
    programme_view,
    record_adder,
)
from site_content.once import once_only


@programme_view(may_read)
def consultations(request, programme):
    consultations = programme.consultations.prefetch_related("points__response")
    template = "engagement/programme/consultations.html"
    return programme_page(request, programme, template, consultations=consultations)


consultation_new = record_adder(
    ConsultationForm,
    title="Record a consultation",
    back_to="programme:consultations",
    done_to="programme:consultation",
)


@programme_view(may_read)
@once_only
def consultation_detail(request, programme, pk):
    consultation = get_object_or_404(Consultation, programme=programme, pk=pk)
    manages = may_manage(request.user, programme)
    point_form = PointForm(request.POST if request.POST.get("form") == "point" else None)
    if request.method == "POST" and manages and point_form.is_valid():
        ConsultationPoint.objects.create(
            consultation=consultation, raised=point_form.cleaned_data["raised"].strip()
        )
        messages.success(request, "Point added.")
        return redirect("programme:consultation", programme.slug, consultation.pk)
    return render(
        request,
        "engagement/programme/consultation.html",
        {
            "programme": programme,
            "consultation": consultation,
            "points": consultation.points.select_related("response__action"),
            "point_form": point_form,
            "can_manage": manages,
        },
        status=400 if request.method == "POST" else 200,
    )


@programme_view(may_manage)
def point_respond(request, programme, pk, point_pk):
    point = get_object_or_404(
        ConsultationPoint, consultation__programme=programme, consultation_id=pk, pk=point_pk
    )
    existing = getattr(point, "response", None)
    form = PointResponseForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.respond_to_point(
            point,
            by=request.user,
            decision=data["decision"],
            reason=data["reason"],
            what_changed=data["what_changed"],
            action=existing.action if existing else None,
        )
        messages.success(request, "Response saved.")
        return redirect("programme:consultation", programme.slug, pk)
    return form_page(
        request,
        programme,
        form,
        title="Respond to the point",
        intro=point.raised,
        back=reverse("programme:consultation", args=[programme.slug, pk]),
        status=400 if request.method == "POST" else 200,
    )


def you_said(request, slug, pk):
    """The public "you said, we did" page of a consultation the programme chose to publish."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("programme"),
        programme__slug=slug,
        pk=pk,
        public=True,
    )
    if not access.programme_is_public(consultation.programme_id):
        raise Http404("Nothing here")
    return render(
        request,
        "engagement/programme/you_said.html",
        {
            "consultation": consultation,
            "points": consultation.points.select_related("response__action"),
        },
    )
