"""The stories people tell an inquiry, their history of changes, and the safeguarding word
list. State changes live in ``engagement.stories.services``."""

from __future__ import annotations

import os
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.names import WrittenInLetters
from site_content.personal_details import contact_details

from .inquiries import InquiryPage, InquiryStrength
from .pages import LocalityPage
from .workspace import private_storage


def story_file_path(instance, filename):
    # A random name so paths cannot be guessed; the extension comes from the checked content.
    ext = os.path.splitext(filename)[1].lower()
    return f"stories/{instance.inquiry_id}/{secrets.token_hex(16)}{ext}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class StoryQuerySet(models.QuerySet):
    def visible(self):
        """Stories that may appear anywhere outside the moderation and safeguarding queues:
        not withdrawn, not declined, and not held for safeguarding."""
        return self.exclude(status__in=[Story.WITHDRAWN, Story.DECLINED]).exclude(
            safeguarding=Story.FLAGGED
        )

    def approved(self):
        """Stories the team may analyse and learn from."""
        return self.visible().filter(status__in=[Story.LEARNING_ONLY, Story.PUBLISHABLE])

    def publishable(self):
        """Stories whose redacted text may be published: the same rule as
        ``Story.publication_refusals``, as a query."""
        return (
            self.approved()
            .filter(status=Story.PUBLISHABLE, consent_quote=True)
            .exclude(redacted_text="")
            .filter(public_version_holds="")
            .exclude(on_behalf=True, best_interests_publication="")
        )

    def recheck_public_versions(self) -> int:
        """Work out again what each public version holds, for the stories a public page could
        show: after a change to the rule's settings (``GUIDE_PUBLIC_CONTACTS``) or a write
        that went round ``save()``. Run at every ``migrate`` (each deploy). How many changed."""
        changed = []
        for story in self.filter(status=Story.PUBLISHABLE).only(
            "redacted_text", "first_name", "consent_first_name", "teller", "public_version_holds"
        ):
            holds = "; ".join(contact_details(story.public_words))
            if holds != story.public_version_holds:
                story.public_version_holds = holds
                changed.append(story)
        self.bulk_update(changed, ["public_version_holds"], batch_size=500)
        return len(changed)


class Story(models.Model):
    """A story of a time when support felt good, told by a person or for them."""

    RECEIVED, IN_REVIEW = "received", "in_review"
    LEARNING_ONLY, PUBLISHABLE = "learning_only", "publishable"
    DECLINED, WITHDRAWN = "declined", "withdrawn"
    STATUS_CHOICES = [
        (RECEIVED, "Received"),
        (IN_REVIEW, "In review"),
        (LEARNING_ONLY, "Approved for learning only"),
        (PUBLISHABLE, "Approved for publication"),
        (DECLINED, "Declined"),
        (WITHDRAWN, "Withdrawn by the storyteller"),
    ]
    # Who told it, in the programme's own words (ProgrammePage.storyteller_kinds); stories
    # told before each programme had its own list kept these codes.
    OLD_TELLERS = {
        "older_person": "An older person",
        "carer": "A carer",
        "family": "A family member",
        "worker": "A worker",
        "other": "Someone else",
    }
    SETTING_CHOICES = [
        ("own_home", "At home"),
        ("care_home", "In a care home"),
        ("extra_care", "In sheltered or extra care housing"),
        ("day_service", "At a day centre or group"),
        ("hospital", "In hospital or a clinic"),
        ("community", "Out in the community"),
        ("other", "Somewhere else"),
    ]
    FEELING_CHOICES = [
        ("very_good", "☺☺ Very good"),
        ("good", "☺ Good"),
        ("okay", "😐 Okay"),
        ("not_good", "☹ Not good"),
        ("bad", "☹☹ Bad"),
    ]
    ONLINE, DROP_IN, EVENT, PHONE, RECORDING, PAPER = (
        "online",
        "drop_in",
        "event",
        "phone",
        "recording",
        "paper",
    )
    COLLECTED_CHOICES = [
        (ONLINE, "Online form"),
        (DROP_IN, "At a drop-in"),
        (EVENT, "At an event"),
        (PHONE, "On the phone"),
        (RECORDING, "From a recording"),
        (PAPER, "On a paper form"),
    ]
    CONSENT_METHOD_CHOICES = [
        ("online", "Ticked on the online form"),
        ("written", "Written consent form"),
        ("verbal", "Said out loud (verbal)"),
        ("easy_read", "Easy Read consent form"),
    ]
    NOT_FLAGGED, FLAGGED, CLEARED = "none", "flagged", "cleared"
    SAFEGUARDING_CHOICES = [
        (NOT_FLAGGED, "Not flagged"),
        (FLAGGED, "Flagged: waiting for the safeguarding lead"),
        (CLEARED, "Cleared by the safeguarding lead"),
    ]

    inquiry = models.ForeignKey(InquiryPage, on_delete=models.CASCADE, related_name="stories")
    status = models.CharField(max_length=14, choices=STATUS_CHOICES, default=RECEIVED)

    # What the storyteller said.
    text = models.TextField("the story", blank=True)
    recording = models.FileField(
        upload_to=story_file_path, storage=private_storage, max_length=255, blank=True
    )
    picture = models.FileField(
        upload_to=story_file_path, storage=private_storage, max_length=255, blank=True
    )
    picture_description = models.TextField(blank=True)
    feeling = models.CharField(max_length=10, choices=FEELING_CHOICES, blank=True)
    strengths = models.ManyToManyField(InquiryStrength, blank=True, related_name="stories")
    what_made_it_good = models.TextField(blank=True)
    teller = models.CharField(max_length=100)
    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    setting = models.CharField(max_length=12, choices=SETTING_CHOICES, blank=True)

    # How it may be used: separate, plain choices.
    consent_learning = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    consent_first_name = models.BooleanField(default=False)

    # Personal details: the moderators and those who run the inquiry's team only.
    first_name = models.CharField(
        max_length=80, blank=True, validators=[WrittenInLetters("the storyteller's first name")]
    )
    email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True)

    # Collected in person.
    collected = models.CharField(max_length=10, choices=COLLECTED_CHOICES, default=ONLINE)
    consent_method = models.CharField(
        max_length=10, choices=CONSENT_METHOD_CHOICES, default="online"
    )
    consent_taken_by = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scan = models.FileField(
        upload_to=story_file_path, storage=private_storage, max_length=255, blank=True
    )

    # Consent given for someone who cannot give it themselves (Mental Capacity Act 2005).
    on_behalf = models.BooleanField(default=False)
    consenter_name = models.CharField(max_length=200, blank=True)
    consenter_relationship = models.CharField(max_length=200, blank=True)
    best_interests_note = models.TextField(blank=True)
    best_interests_publication = models.TextField(
        "why publishing is in the person's best interests", blank=True
    )

    # Safeguarding screening.
    safeguarding = models.CharField(max_length=8, choices=SAFEGUARDING_CHOICES, default=NOT_FLAGGED)
    flagged_words = models.JSONField(default=list, blank=True)
    safeguarding_decision = models.TextField(blank=True)
    safeguarding_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    safeguarding_decided_at = models.DateTimeField(null=True, blank=True)

    # Moderation.
    redacted_text = models.TextField("public version", blank=True)
    # Contact details found in the public version, kept in step on every save (whichever door
    # wrote it): a public version holding any is published nowhere.
    public_version_holds = models.TextField(blank=True, editable=False)
    decline_reason = models.TextField(blank=True)
    themes = models.ManyToManyField("engagement.InquiryTheme", blank=True, related_name="stories")

    # The storyteller's private link.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    link_revoked = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["inquiry", "status", "safeguarding"]),
            models.Index(fields=["inquiry", "locality", "teller"]),
        ]

    def __str__(self):
        # A name only: it shows wherever Wagtail names a chosen story (history, usage).
        return f"Story {self.reference}"

    def save(self, *args, **kwargs):
        self.public_version_holds = "; ".join(contact_details(self.public_words))
        fields = kwargs.get("update_fields")
        shown = {"redacted_text", "first_name", "consent_first_name", "teller"}
        if fields is not None and shown & set(fields):
            kwargs["update_fields"] = {*fields, "public_version_holds"}
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"S{self.pk:05d}"

    @property
    def link_is_usable(self) -> bool:
        return (
            not self.link_revoked
            and self.link_expires_at is not None
            and self.link_expires_at > timezone.now()
        )

    @property
    def public_attribution(self) -> str:
        """How a published quote is credited: a first name only if the storyteller chose it."""
        if self.consent_first_name and self.first_name.strip():
            return (
                f"{self.first_name.strip()}, {self.teller_label[:1].lower()}{self.teller_label[1:]}"
            )
        return self.teller_label

    @property
    def public_words(self) -> str:
        """All that a public page shows of the story: its public version and, when the
        storyteller chose it, their first name under the quote."""
        return f"{self.redacted_text}\n{self.public_attribution}"

    @property
    def teller_label(self) -> str:
        return self.OLD_TELLERS.get(self.teller, self.teller)

    def publication_refusals(self) -> list[str]:
        """Why this story may not be published; empty if it may (see StoryQuerySet.publishable)."""
        reasons = []
        if self.status == self.WITHDRAWN:
            reasons.append("the storyteller has withdrawn it")
        elif self.status != self.PUBLISHABLE:
            reasons.append("it is not approved for publication")
        if self.safeguarding == self.FLAGGED:
            reasons.append("it is waiting for the safeguarding lead")
        if not self.consent_quote:
            reasons.append("the storyteller has not agreed to be quoted")
        if not self.redacted_text.strip():
            reasons.append("it has no public version")
        elif contact_details(self.public_words):
            holds = "; ".join(contact_details(self.public_words))
            reasons.append(f"its public version holds a contact detail: {holds}")
        if self.on_behalf and not self.best_interests_publication.strip():
            reasons.append(
                "consent was given on the person's behalf and no best-interests reason for "
                "publishing is recorded"
            )
        return reasons


class StoryChange(models.Model):
    """One change to a story's status, consent or safeguarding: who, when, from, to."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=20)
    from_value = models.CharField(max_length=100, blank=True)
    to_value = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.what}: {self.from_label} → {self.to_label}"

    # The words people see on screen for the codes kept in from_value and to_value.
    LABELS = {
        "status": dict(Story.STATUS_CHOICES),
        "safeguarding": dict(Story.SAFEGUARDING_CHOICES),
    }

    @property
    def from_label(self) -> str:
        return self.LABELS.get(self.what, {}).get(self.from_value, self.from_value)

    @property
    def to_label(self) -> str:
        return self.LABELS.get(self.what, {}).get(self.to_value, self.to_value)


class StoryCountStamp(models.Model):
    """A fresh stamp each time an inquiry's stories change (engagement.stories.figures): its
    analysis figures are cached under the stamp, so a change is never answered from old
    counts."""

    # A plain number, not a foreign key: the stamp is written in the same transaction as the
    # change, which may be the inquiry's own deletion; a stamp left behind is harmless.
    inquiry_pk = models.PositiveIntegerField(primary_key=True)
    stamp = models.CharField(max_length=32)

    def __str__(self):
        return f"Inquiry {self.inquiry_pk}: {self.stamp}"

    @classmethod
    def renew(cls, *inquiry_pks) -> None:
        """A fresh stamp for each inquiry, in one statement that is safe when two
        transactions run it at once (call it inside the transaction that changes stories)."""
        cls.objects.bulk_create(
            [cls(inquiry_pk=pk, stamp=uuid.uuid4().hex) for pk in set(inquiry_pks) if pk],
            update_conflicts=True,
            unique_fields=["inquiry_pk"],
            update_fields=["stamp"],
        )


class SafeguardingTerm(models.Model):
    """A word or phrase that may signal abuse, neglect or risk of harm. The list is kept up to
    date by the safeguarding lead in the admin; matching is a prompt for their judgement."""

    phrase = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase
