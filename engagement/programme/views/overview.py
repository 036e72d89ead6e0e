"""The overview: vision, blueprint, benefits against targets and tranches."""

from __future__ import annotations

from django.utils import timezone

from engagement.models import Benefit, Tranche
from engagement.programme import services
from engagement.programme.forms import BenefitForm, TrancheForm
from engagement.programme.views.common import (
    may_read,
    programme_page,
    programme_view,
    record_editor,
)


@programme_view(may_read)
def overview(request, programme):
    return programme_page(
        request,
        programme,
        "engagement/programme/overview.html",
        benefits=services.benefit_rows(programme),
        tranches=programme.tranches.prefetch_related("projects"),
        today=timezone.localdate(),
    )


benefit_edit = record_editor(
    Benefit,
    BenefitForm,
    back_to="programme:overview",
    anchor="#benefits",
    add="Add a benefit",
    edit="Edit the benefit",
)


tranche_edit = record_editor(
    Tranche,
    TrancheForm,
    back_to="programme:overview",
    anchor="#tranches",
    add="Add a tranche",
    edit="Edit the tranche",
)
