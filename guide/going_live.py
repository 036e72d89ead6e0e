"""The checks a page's edit form makes on its content blocks (a quoted story still approved
with its teller's agreement, a learning entry still submitted, a group report still offered),
asked again on the Wagtail admin's other ways to publish, which skip the edit form: copying
with "publish copies" or as an alias, converting an alias, bulk publishing, approving in a
workflow (guide/wagtail_hooks.py, guide/admin_views.py) and scheduled publishing (the
project's publish_scheduled command). The rules themselves stay with the blocks
(``guide/blocks.py``); this only runs them on content already saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms.pages import CopyForm
from wagtail.fields import StreamField


def _messages(data) -> list[str]:
    """Every message in a block error's JSON form, however deeply the blocks nest."""
    if isinstance(data, dict):
        found = list(data.get("messages", []))
        for key, value in data.items():
            if key != "messages":
                found += _messages(value)
        return found
    if isinstance(data, list | tuple):
        return [message for value in data for message in _messages(value)]
    return []


def problems(page) -> list[str]:
    """What the page's edit form would refuse in its content now; empty if nothing."""
    page = page.specific
    found: list[str] = []
    for field in page._meta.fields:
        if not isinstance(field, StreamField):
            continue
        try:
            field.stream_block.clean(getattr(page, field.name))
        except ValidationError as error:
            data = error.as_json_data() if hasattr(error, "as_json_data") else error.messages
            found += _messages(data) or list(error.messages)
    return list(dict.fromkeys(found))


def refusal(pages) -> str:
    """One message naming each page (as it would be published) that may not go live now,
    and why; empty if every page may."""
    lines = [f"“{page.title}”: {' '.join(found)}" for page in pages if (found := problems(page))]
    return " ".join(lines)


def copy_refusal(page, data) -> str:
    """Why copying ``page`` with the posted copy form ``data`` may not go ahead: with
    "publish copies", or as an alias (an alias of a live page is live); empty if it may."""
    if not (data.get("publish_copies") or data.get("alias")):
        return ""
    # Only copies of live pages are published.
    pages = [page] if page.live else []
    if data.get("copy_subpages"):
        pages += list(page.get_descendants().live())
    return refusal(page.specific for page in pages)


COPY_REFUSED = (
    "Nothing was copied. {refused} Copy without “Publish copies” (and not as an alias), or "
    "change the page first."
)


class CheckedCopyForm(CopyForm):
    """The copy form of the guide's pages (``copy_form_class``): a copy that may not go live
    is refused on the form, keeping the new title and slug typed. Other pages' copies are
    checked by the ``before_copy_page`` hook."""

    def clean(self):
        cleaned = super().clean()
        if refused := copy_refusal(self.page, self.data):
            field = "alias" if self.data.get("alias") else "publish_copies"
            self.add_error(
                field if field in self.fields else None, COPY_REFUSED.format(refused=refused)
            )
        return cleaned


def convert_alias_refusal(request, page) -> str:
    """Why a live alias may not become a page of its own (live, holding its content)."""
    if request.method != "POST" or not page.live:
        return ""
    return refusal([page.specific])


def bulk_publish_refusal(objects, include_descendants: bool) -> str:
    """Why a bulk publish of these pages (as their latest drafts) may not go ahead."""
    pages = []
    for page in objects:
        pages.append(page.specific.get_latest_revision_as_object())
        if include_descendants:
            pages += [
                child.get_latest_revision_as_object()
                for child in page.get_descendants().not_live().specific()
            ]
    return refusal(pages)
