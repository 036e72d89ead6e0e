"""The stakeholder map and the communications plan."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from engagement.core.charts import stakeholder_map_svg
from engagement.models import (
    CommsItem,
    Stakeholder,
)
from engagement.programme.forms import (
    CommsItemForm,
    StakeholderForm,
)
from engagement.programme.views.common import edit_record, may_manage, may_read, programme_view


@programme_view(may_read)
def stakeholders(request, programme):
    people = list(programme.stakeholders.all())
    return render(
        request,
        "engagement/programme/stakeholders.html",
        {
            "programme": programme,
            "stakeholders": people,
            "map": stakeholder_map_svg(people, labelledby="map-caption"),
            "comms": programme.comms.select_related("owner"),
            "can_manage": may_manage(request.user, programme),
            "today": timezone.localdate(),
        },
    )


@programme_view(may_manage)
def stakeholder_edit(request, programme, pk=None):
    person = get_object_or_404(Stakeholder, programme=programme, pk=pk) if pk else None
    back = reverse("programme:stakeholders", args=[programme.slug])
    return edit_record(
        request,
        programme,
        StakeholderForm,
        person,
        title="Edit the stakeholder" if person else "Add a stakeholder",
        back=back,
        done=back,
    )


@programme_view(may_manage)
def comms_edit(request, programme, pk=None):
    item = get_object_or_404(CommsItem, programme=programme, pk=pk) if pk else None
    back = reverse("programme:stakeholders", args=[programme.slug])
    return edit_record(
        request,
        programme,
        CommsItemForm,
        item,
        title="Edit the plan" if item else "Plan a communication",
        back=back,
        done=back + "#comms",
    )
