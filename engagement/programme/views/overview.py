"""The overview: vision, blueprint, benefits against targets and tranches."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Benefit,
    Tranche,
)
from engagement.programme import services
from engagement.programme.forms import (
    BenefitForm,
    TrancheForm,
)
from engagement.programme.views.common import edit_record, may_manage, may_read, programme_view


@programme_view(may_read)
def overview(request, programme):
    return render(
        request,
        "engagement/programme/overview.html",
        {
            "programme": programme,
            "benefits": services.benefit_rows(programme),
            "tranches": programme.tranches.prefetch_related("projects"),
            "can_manage": may_manage(request.user, programme),
            "today": timezone.localdate(),
        },
    )


@programme_view(may_manage)
def benefit_edit(request, programme, pk=None):
    benefit = get_object_or_404(Benefit, programme=programme, pk=pk) if pk else None
    back = reverse("programme:overview", args=[programme.slug])
    return edit_record(
        request,
        programme,
        BenefitForm,
        benefit,
        title="Edit the benefit" if benefit else "Add a benefit",
        back=back,
        done=back + "#benefits",
    )


@programme_view(may_manage)
def tranche_edit(request, programme, pk=None):
    tranche = get_object_or_404(Tranche, programme=programme, pk=pk) if pk else None
    back = reverse("programme:overview", args=[programme.slug])
    return edit_record(
        request,
        programme,
        TrancheForm,
        tranche,
        title="Edit the tranche" if tranche else "Add a tranche",
        back=back,
        done=back + "#tranches",
    )
