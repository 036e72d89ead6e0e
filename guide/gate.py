"""The publication gate: the one place that decides what may leave the platform.

Every export path (the Markdown export, and through it the static guide and its PDF) asks
``refusals(item, text)`` for each item and writes it only when the answer is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide import gate_rules as rules


@dataclass(frozen=True)
class Refusal:
    item: str
    reason: str

    def __str__(self):
        return f"{self.item}: {self.reason}"


personal_details = rules.personal_details


def label(item) -> str:
    from engagement.models import ProgressEntry, ReviewRound, Story, WorkingGroup

    from .models import PracticeExample

    if isinstance(item, ProgressEntry):
        return f"progress entry {item.pk} ({item.locality.title})"
    if isinstance(item, WorkingGroup):
        return f"closing report of the group “{item.name}”"
    if isinstance(item, PracticeExample):
        return f"practice example “{item.title}” ({item.key})"
    if isinstance(item, Story):
        return f"story {item.reference} ({item.inquiry.title})"
    if isinstance(item, ReviewRound):
        return f"review round “{item.title}” ({item.panel.name})"
    if hasattr(item, "url_path"):
        return f"page “{item.title}” (id {item.pk})"
    return str(item)


def refusals(item, text: str = "", *, guide=None) -> list[Refusal]:
    """Why ``item`` (with its exported ``text``) may not leave the platform; empty if it may.
    With ``guide``, also whether the item belongs in that guide: a practice example of
    another guide, or the work of another programme than the guide's, is refused."""
    from wagtail.models import Page

    from engagement.models import ProgressEntry, Story, WorkingGroup

    from .models import PracticeExample

    name = label(item)
    reasons: list[str] = []
    # A practice example's contacts flagged for publication: their own email and phone pass
    # in that example's text, and nowhere else (every other item is checked without them).
    exempt = flagged_contact_details(item) if isinstance(item, PracticeExample) else []
    if isinstance(item, Page):
        if not item.live:
            reasons.append("the page is not published")
        elif item.get_view_restrictions().exists():
            reasons.append("the page is private")
    elif isinstance(item, ProgressEntry):
        reasons += rules.entry_reasons(item)
    elif isinstance(item, WorkingGroup):
        reasons += rules.group_report_reasons(item)
    elif isinstance(item, Story):
        # Consent, moderation and safeguarding, checked again at every build.
        item.refresh_from_db()
        reasons += item.publication_refusals()
    if guide is not None:
        reasons += _foreign(item, guide)
    reasons += [
        f"it contains an {d}" if d.startswith("email") else f"it contains a {d}"
        for d in personal_details(text, exempt)
    ]
    return [Refusal(name, r) for r in reasons]


def _foreign(item, guide) -> list[str]:
    """Nothing of one guide appears in another."""
    from wagtail.models import Page

    from engagement.models import (
        InquiryPage,
        LocalityPage,
        ProgrammePage,
        ProgressEntry,
        ReviewRound,
        Story,
        WorkingGroup,
    )

    from .models import GuideChapterPage, PracticeExample

    if isinstance(item, PracticeExample) and item.guide_id != guide.pk:
        owner = item.guide.title if item.guide else "no guide"
        return [f"it belongs to “{owner}”, not to the guide “{guide.title}”"]
    if isinstance(item, GuideChapterPage) and not item.is_descendant_of(guide):
        return [f"the chapter is not part of the guide “{guide.title}”"]
    if guide.programme_id is None:
        return []
    programme_id = None
    if isinstance(item, ProgressEntry):
        programme_id = item.locality.programme_id
    elif isinstance(item, Story):
        programme_id = item.inquiry.programme_id
    elif isinstance(item, WorkingGroup | LocalityPage | InquiryPage):
        programme_id = item.programme_id
    elif isinstance(item, ReviewRound):
        programme_id = item.panel.programme_id
    elif isinstance(item, Page) and item.specific_class._meta.label == "events.EventPage":
        programme_id = ProgrammePage.objects.ancestor_of(item).values_list("pk", flat=True).first()
    if programme_id is not None and programme_id != guide.programme_id:
        return [f"it is another programme's work, not {guide.programme.title}'s"]
    return []


def example_public_text(example) -> str:
    """Everything of a practice example that a public page shows, apart from the contacts
    flagged for publication (shown through ``publishable_contacts``)."""
    parts = [
        example.title,
        ", ".join(example.organisations or []),
        example.approach,
        example.outcomes,
        example.further_information,
        " ".join(example.tags or []),
    ]
    parts += [f"{link.get('title', '')} {link.get('url', '')}" for link in example.links or []]
    return "\n".join(part for part in parts if part)


def may_show_example(example) -> bool:
    """A public practice-example page passes the same gate as the guide."""
    return not refusals(example, example_public_text(example))


def flagged_contact_details(example) -> list[str]:
    """The emails and phone numbers of an example's contacts, when it is flagged."""
    return [
        value
        for contact in publishable_contacts(example)
        for value in (contact.get("email"), contact.get("phone"))
        if value
    ]


def publishable_contacts(example) -> list[dict]:
    """The contacts of a practice example that may be published (none without the flag)."""
    return list(example.contacts) if example.publish_contacts else []
