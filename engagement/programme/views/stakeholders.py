"""The stakeholder map and the communications plan."""

from __future__ import annotations

from django.utils import timezone

from engagement.core.charts import stakeholder_map_svg
from engagement.models import CommsItem, Stakeholder
from engagement.programme.forms import CommsItemForm, StakeholderForm
from engagement.programme.views.common import (
    may_read,
    programme_page,
    programme_view,
    record_editor,
)


@programme_view(may_read)
def stakeholders(request, programme):
    people = list(programme.stakeholders.all())
    return programme_page(
        request,
        programme,
        "engagement/programme/stakeholders.html",
        stakeholders=people,
        map=stakeholder_map_svg(people, labelledby="map-caption"),
        comms=programme.comms.select_related("owner"),
        today=timezone.localdate(),
    )


stakeholder_edit = record_editor(
    Stakeholder,
    StakeholderForm,
    back_to="programme:stakeholders",
    add="Add a stakeholder",
    edit="Edit the stakeholder",
)


comms_edit = record_editor(
    CommsItem,
    CommsItemForm,
    back_to="programme:stakeholders",
    anchor="#comms",
    add="Plan a communication",
    edit="Edit the plan",
)
