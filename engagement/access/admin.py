"""Which records of the Wagtail admin's screens a person may reach: superusers every record;
anyone else (given model permissions through a group) only records of the programmes they
administer. ``site_content.admin_scope`` makes every screen of a viewset pass this."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Page

from engagement.access.people import administered_programmes, people_of
from engagement.models import ProgrammePage


@dataclass(frozen=True)
class ProgrammeScope:
    """``lookup`` leads from the model to its ProgrammePage (``"locality__programme"``), or,
    with ``by_page``, to a page that sits somewhere below a programme (events)."""

    lookup: str
    by_page: bool = False
    # Records outside ``where`` belong to other screens, for everyone (a working group's
    # actions are kept in the group's space, which has its own rule).
    where: Q | None = None

    def __call__(self, user, queryset):
        if self.where is not None:
            queryset = queryset.filter(self.where)
        if not _signed_in(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        programmes = administered_programmes(user)
        if not self.by_page:
            return queryset.filter(**{f"{self.lookup}__in": programmes})
        return queryset.filter(_below(programmes, f"{self.lookup}__"))

    def related(self, user, queryset):
        """What a chooser, filter or form field of these screens may offer: pages (programmes,
        localities, events) within the person's programmes, and the people of them."""
        if not _signed_in(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        programmes = administered_programmes(user)
        if issubclass(queryset.model, Page):
            within = _below(programmes)
            if any(f.name == "programme" for f in queryset.model._meta.get_fields()):
                within |= Q(programme__in=programmes)  # a page that names its programme (guides)
            return queryset.filter(within)
        if issubclass(queryset.model, get_user_model()):
            return queryset.filter(pk__in=people_of(programmes).values("pk"))
        return queryset


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _below(programme_ids, prefix: str = "") -> Q:
    paths = ProgrammePage.objects.filter(pk__in=programme_ids).values_list("path", flat=True)
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(**{f"{prefix}path__startswith": path})
    return within
