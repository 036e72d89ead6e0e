"""Story rules: receiving a story, screening it, moderation, consent, withdrawal, analysis and
closing the loop. Each function that changes state runs in one transaction and logs the
change (StoryChange for the story's own history, AuditEvent for the platform's)."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent
from engagement import access
from engagement.models import InquiryPage, ProgrammeRole, SafeguardingTerm, Story, StoryChange
from site_content import personal_details
from site_content.links import absolute_url
from site_content.mail import queue_email
from site_content.personal_details import contact_details


class StoryRefused(Exception):
    """A change that the rules do not allow; the message says why in plain words."""


# --- Screening ---------------------------------------------------------------------------


def screen(*texts: str) -> list[str]:
    """The safeguarding terms found in ``texts`` (a prompt for the lead's judgement)."""
    joined = "\n".join(t for t in texts if t).lower()
    if not joined.strip():
        return []
    found = []
    for phrase in SafeguardingTerm.objects.values_list("phrase", flat=True):
        if re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", joined):
            found.append(phrase)
    return found


def _log(story, what, before, after, *, by=None, label="", note=""):
    StoryChange.objects.create(
        story=story,
        by=by if by is not None and by.is_authenticated else None,
        by_label=label or (by.email if by is not None and by.is_authenticated else ""),
        what=what,
        from_value=str(before)[:100],
        to_value=str(after)[:100],
        note=note,
    )


def private_link(story) -> str:
    return absolute_url(reverse("stories:mine", args=[story.token]))


# --- Receiving ---------------------------------------------------------------------------

# How a story collected in person was given, and consent on the person's behalf.
IN_PERSON_FIELDS = [
    "collected",
    "consent_method",
    "consent_taken_by",
    "on_behalf",
    "consenter_name",
    "consenter_relationship",
    "best_interests_note",
]
STORY_FIELDS = [
    "text",
    "picture_description",
    "feeling",
    "what_made_it_good",
    "teller",
    "locality",
    "setting",
    "consent_learning",
    "consent_quote",
    "consent_first_name",
    "first_name",
    "email",
    "postal_address",
    *IN_PERSON_FIELDS,
]


@transaction.atomic
def receive_story(*, inquiry: InquiryPage, data: dict, files: dict, entered_by=None, request=None):
    """Save a story (told online, or entered by a locality member), screen it, and queue the
    emails it needs. ``files`` holds only files already checked by a form's own file fields
    (pass the form's cleaned_data, never request.FILES: a file the form does not ask for must
    not arrive unchecked)."""
    values = {k: data[k] for k in STORY_FIELDS if k in data}
    values["email"] = (values.get("email") or "").strip().lower()
    story = Story(inquiry=inquiry, entered_by=entered_by, **values)
    if story.email:
        story.link_expires_at = timezone.now() + datetime.timedelta(days=settings.STORY_LINK_DAYS)
    for name in ("recording", "picture", "scan"):
        upload = files.get(name)
        if upload:
            getattr(story, name).save(upload.name, upload, save=False)
    words = screen(story.text, story.what_made_it_good, story.picture_description)
    if words:
        story.safeguarding, story.flagged_words = Story.FLAGGED, words
    story.save()
    story.strengths.set(data.get("strengths") or [])
    label = "facilitator" if entered_by else "storyteller"
    _log(story, "status", "", Story.RECEIVED, by=entered_by, label=label)
    _log(
        story,
        "consent",
        "",
        consent_summary(story),
        by=entered_by,
        label=label,
        note=f"Consent given: {story.get_consent_method_display()}"
        + (f", taken by {story.consent_taken_by}" if story.consent_taken_by else "")
        + (
            f"; on the person's behalf by {story.consenter_name} ({story.consenter_relationship})"
            if story.on_behalf
            else ""
        ),
    )
    if words:
        _log(story, "safeguarding", "", Story.FLAGGED, label="screening", note=", ".join(words))
        _tell_safeguarding_lead(story)
    if story.email:
        queue_email(
            story.email,
            "Thank you for your story",
            _thanks_email(story),
        )
    return story


def consent_summary(story) -> str:
    parts = []
    if story.consent_learning:
        parts.append("learning")
    if story.consent_quote:
        parts.append("quote")
    if story.consent_first_name:
        parts.append("first name")
    return ", ".join(parts) or "none"


def _thanks_email(story) -> str:
    return (
        f"Thank you for telling {story.inquiry.run_by} your story.\n\n"
        "You can read it, change how we may use it, or take it back at any time, using this "
        f"private link:\n\n{private_link(story)}\n\n"
        f"The link works until {timezone.localtime(story.link_expires_at):%-d %B %Y}. "
        "Please keep it to yourself: anyone with it can see your story.\n\n"
        f"If you or someone else is at risk of harm:\n{story.inquiry.safeguarding_contact}\n"
    )


def safeguarding_lead(story):
    programme = story.inquiry.programme
    return programme.safeguarding_lead if programme else None


def _tell_safeguarding_lead(story):
    lead = safeguarding_lead(story)
    to = [lead.email] if lead and lead.is_active else []
    if not to:  # no lead named: the programme's admins hear instead
        to = list(
            ProgrammeRole.objects.filter(
                programme_id=story.inquiry.programme_id, role=ProgrammeRole.ADMIN
            ).values_list("user__email", flat=True)
        )
    url = absolute_url(reverse("story_admin:moderate", args=[story.pk]))
    for address in to:
        # The email says where to look, never what the story says.
        queue_email(
            address,
            f"Safeguarding: story {story.reference} needs you",
            f"A story sent to “{story.inquiry.title}” may disclose harm. It is held until "
            f"you decide what happens.\n\nOpen it here (sign in first):\n{url}\n",
        )


# --- Moderation --------------------------------------------------------------------------

TRANSITIONS = {
    Story.RECEIVED: {Story.IN_REVIEW, Story.DECLINED},
    Story.IN_REVIEW: {Story.LEARNING_ONLY, Story.PUBLISHABLE, Story.DECLINED, Story.RECEIVED},
    Story.LEARNING_ONLY: {Story.PUBLISHABLE, Story.IN_REVIEW},
    Story.PUBLISHABLE: {Story.LEARNING_ONLY, Story.IN_REVIEW},
    Story.DECLINED: {Story.IN_REVIEW},
    Story.WITHDRAWN: set(),
}


def allowed_moves(story) -> list[str]:
    return sorted(TRANSITIONS[story.status])


def warnings(story, text: str | None = None) -> list[str]:
    """Personal details the moderator should look at before anything is published."""
    text = story.text if text is None else text
    names = [story.first_name, story.consenter_name]
    return [
        f"{kind}: “{value}”"
        for kind, value in personal_details.find(
            text, kinds=personal_details.WARNING_KINDS, names=names
        )
    ]


@transaction.atomic
def move(
    story,
    to: str,
    *,
    by,
    request=None,
    reason: str = "",
    redacted_text: str | None = None,
    best_interests: str | None = None,
):
    """Move a story to another moderation state, if the rules allow it."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    before = story.status
    if to not in TRANSITIONS.get(before, set()):
        raise StoryRefused(
            f"A story that is “{story.get_status_display().lower()}” cannot be moved to "
            f"“{dict(Story.STATUS_CHOICES).get(to, to).lower()}”."
        )
    if redacted_text is not None:
        story.redacted_text = redacted_text.strip()
    if best_interests is not None:
        story.best_interests_publication = best_interests.strip()
    if to in (Story.LEARNING_ONLY, Story.PUBLISHABLE) and story.safeguarding == Story.FLAGGED:
        raise StoryRefused(
            "This story is waiting for the safeguarding lead. It cannot be approved until "
            "they clear it."
        )
    if to == Story.PUBLISHABLE:
        if not story.consent_quote:
            raise StoryRefused(
                "The storyteller has not agreed to be quoted, so the story can only be "
                "approved for learning."
            )
        if not story.redacted_text:
            raise StoryRefused("Write the public version before approving for publication.")
        found = contact_details(story.public_words)
        if found:
            raise StoryRefused(
                f"Take the {'; '.join(found)} out of the public version (or the name shown "
                "with it) before approving it for publication. Nothing public may hold a way "
                "to contact the storyteller."
            )
        if story.on_behalf and not story.best_interests_publication:
            raise StoryRefused(
                "Consent was given on the person's behalf. Record why publishing is in their "
                "best interests, or approve for learning only."
            )
    if to == Story.DECLINED:
        if not reason.strip():
            raise StoryRefused("Say why the story is declined.")
        story.decline_reason = reason.strip()
    story.status = to
    story.save()
    _log(story, "status", before, to, by=by, note=reason.strip())
    audit.record(
        AuditEvent.MODERATION,
        request=request,
        user=by,
        detail=f"Story {story.reference}: {before} → {to}",
    )
    return story


TAKEN_BACK = (
    "The storyteller has taken this story back, so nothing more can be written on it. Its "
    "words have been deleted."
)


@transaction.atomic
def save_public_version(story, text: str, *, by):
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == Story.WITHDRAWN:
        raise StoryRefused(TAKEN_BACK)
    before = story.redacted_text
    story.redacted_text = text.strip()
    story.save(update_fields=["redacted_text", "updated_at"])
    if before != story.redacted_text:
        _log(story, "public version", "", "edited", by=by)
    return story


@transaction.atomic
def decide_safeguarding(story, *, by, clear: bool, note: str, request=None):
    """The safeguarding lead's decision: clear the story, or keep it held (with what they did)."""
    if not access.can_decide_safeguarding(by, story):
        raise StoryRefused("Only the programme's safeguarding lead can decide this.")
    if not note.strip():
        raise StoryRefused("Write what you decided and why.")
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == Story.WITHDRAWN:
        raise StoryRefused(TAKEN_BACK)
    before = story.safeguarding
    story.safeguarding = Story.CLEARED if clear else Story.FLAGGED
    story.safeguarding_decision = note.strip()
    story.safeguarding_decided_by = by
    story.safeguarding_decided_at = timezone.now()
    story.save()
    _log(story, "safeguarding", before, story.safeguarding, by=by, note=note.strip())
    audit.record(
        AuditEvent.SAFEGUARDING,
        request=request,
        user=by,
        detail=f"Story {story.reference}: {'cleared' if clear else 'kept held'}",
    )
    return story


@transaction.atomic
def switch_off_link(story, *, by, request=None):
    """Switch off a storyteller's private link (for example, if it was shared by mistake)."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not story.link_revoked:
        story.link_revoked = True
        story.save(update_fields=["link_revoked", "updated_at"])
        _log(story, "private link", "on", "off", by=by)
        audit.record(
            AuditEvent.CONSENT,
            request=request,
            user=by,
            detail=f"Story {story.reference}: private link switched off",
        )
    return story


# --- The storyteller's own choices -------------------------------------------------------


@transaction.atomic
def change_consent(story, *, quote: bool, first_name: bool, request=None):
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == Story.WITHDRAWN:
        raise StoryRefused("This story has been withdrawn.")
    before = consent_summary(story)
    story.consent_quote = quote
    story.consent_first_name = first_name and quote
    story.save(update_fields=["consent_quote", "consent_first_name", "updated_at"])
    after = consent_summary(story)
    if before != after:
        _log(story, "consent", before, after, label="storyteller")
        audit.record(
            AuditEvent.CONSENT,
            request=request,
            label="storyteller",
            detail=f"Story {story.reference}: {before} → {after}",
        )
    return story


@transaction.atomic
def withdraw(story, *, request=None):
    """Take a story back: it leaves every page and export now, and any built guide quoting it
    rebuilds itself (the guide app listens for the save). What the person said is deleted; a
    bare record stays for a short while."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == Story.WITHDRAWN:
        return story
    before = story.status
    for name in ("recording", "picture", "scan"):
        field = getattr(story, name)
        if field:
            field.delete(save=False)
    story.text = story.what_made_it_good = story.picture_description = ""
    story.redacted_text = story.first_name = story.postal_address = story.email = ""
    story.consenter_name = story.best_interests_note = story.consent_taken_by = ""
    story.consenter_relationship = story.best_interests_publication = story.decline_reason = ""
    story.flagged_words = []
    # The safeguarding lead's note may quote the story; that a decision was made, by whom and
    # when, stays with the bare record.
    story.safeguarding_decision = ""
    story.consent_quote = story.consent_first_name = False
    story.status, story.withdrawn_at = Story.WITHDRAWN, timezone.now()
    story.save()
    story.strengths.clear()
    story.themes.clear()
    story.changes.exclude(note="").update(note="")  # notes may quote the story
    _log(story, "status", before, Story.WITHDRAWN, label="storyteller")
    audit.record(
        AuditEvent.CONSENT,
        request=request,
        label="storyteller",
        detail=f"Story {story.reference} withdrawn",
    )
    return story
