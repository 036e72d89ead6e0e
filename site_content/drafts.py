"""Unfinished page drafts: a page someone started and never published (Wagtail autosaves it as
a draft as they type) is offered back to them when they start the same kind of page again."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.models import Page

_SLUG = re.compile(r"[-\w]{1,255}")


def unfinished_drafts(user, parent_page, page_class):
    """Pages of this kind under ``parent_page`` that ``user`` started and never published."""
    return (
        Page.objects.child_of(parent_page)
        .filter(
            owner=user,
            live=False,
            first_published_at__isnull=True,
            content_type=ContentType.objects.get_for_model(page_class),
        )
        .order_by("-latest_revision_created_at", "-pk")
    )


def offer_unfinished_draft(request, parent_page, page_class) -> None:
    drafts = unfinished_drafts(request.user, parent_page, page_class)
    if request.method == "POST":
        slug = request.POST.get("slug", "")
        # Only a slug a page could have is looked for (a NUL is refused by PostgreSQL); the
        # page form says what is wrong with any other.
        drafts = drafts.filter(slug=slug) if _SLUG.fullmatch(slug) else drafts.none()
    draft = drafts.first()
    if draft is None:
        return
    when = draft.latest_revision_created_at and timezone.localtime(draft.latest_revision_created_at)
    started = f" on {when:%-d %B %Y at %H:%M}" if when else ""
    messages.warning(
        request,
        f"You started “{draft.title}”{started} and did not publish it. It was saved as a "
        "draft: continue it rather than start again.",
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[draft.pk]), "Continue the draft"
            )
        ],
    )
