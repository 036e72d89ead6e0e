"""Appreciative inquiry: the inquiry page, the stories people tell it, and what the team makes
of them (themes, propositions). State changes live in ``engagement.stories``."""

from __future__ import annotations

import datetime
import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from .pages import LocalityPage, ProgrammePage
from .workspace import private_storage

DEFAULT_STRENGTHS = [
    "Being listened to",
    "Having choice",
    "Being in control",
    "Relationships with people",
    "Feeling safe",
    "Being part of the community",
]

DEFAULT_SAFEGUARDING_CONTACT = (
    "If you or someone else is in danger now, call 999. If you are worried that an adult is "
    "being harmed or neglected, call the adult social care team at your local council. You "
    "can also tell the person who runs this inquiry."
)


class InquiryPage(Page):
    """An appreciative inquiry: a question, prompts, and a form for people's stories."""

    DISCOVER, DREAM, DESIGN, DELIVER = "discover", "dream", "design", "deliver"
    STAGE_CHOICES = [
        (DISCOVER, "Discover: collecting stories"),
        (DREAM, "Dream: what could be"),
        (DESIGN, "Design: what we will build"),
        (DELIVER, "Deliver: doing it"),
    ]

    question = models.CharField(
        max_length=300,
        help_text='The question people answer, e.g. "Tell us about a time support worked well '
        'for you".',
    )
    introduction = models.TextField(help_text="Why we are asking, in two or three sentences.")
    prompts = models.TextField(
        blank=True, help_text="Questions that help people think of a story. One per line."
    )
    opens_on = models.DateField(default=timezone.localdate)
    closes_on = models.DateField()
    stage = models.CharField(max_length=10, choices=STAGE_CHOICES, default=DISCOVER)
    run_by = models.CharField(
        "who runs it", max_length=200, help_text='For example "The Ashcombe locality team".'
    )
    safeguarding_contact = models.TextField(
        default=DEFAULT_SAFEGUARDING_CONTACT,
        help_text="Shown after every story: who to contact if someone is at risk of harm.",
    )

    # Kept in step with the page tree on save, so permission checks need no tree walk.
    programme = models.ForeignKey(
        ProgrammePage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    locality = models.ForeignKey(
        LocalityPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("question"),
        FieldPanel("introduction"),
        FieldPanel("prompts"),
        MultiFieldPanel(
            [FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("stage")],
            heading="When and where it is up to",
        ),
        FieldPanel("run_by"),
        FieldPanel("safeguarding_contact"),
        InlinePanel(
            "strengths",
            label="Strength",
            heading="What made it good: the choices people can tick",
            help_text="Leave empty to use the usual six.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("question"),
        index.SearchField("introduction"),
    ]
    parent_page_types = ["engagement.ProgrammePage", "engagement.LocalityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "appreciative inquiry"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "The closing date must be after the opening date."})

    def save(self, *args, **kwargs):
        parent = self.get_parent().specific if self.path and self.depth > 1 else None
        if isinstance(parent, LocalityPage):
            self.locality_id, self.programme_id = parent.pk, parent.programme_id
        elif isinstance(parent, ProgrammePage):
            self.locality_id, self.programme_id = None, parent.pk
        return super().save(*args, **kwargs)

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def strength_choices(self):
        """This inquiry's strengths, creating the usual six the first time none are set."""
        strengths = list(self.strengths.all())
        if not strengths and self.pk:
            strengths = [
                InquiryStrength.objects.create(inquiry=self, name=name, sort_order=i)
                for i, name in enumerate(DEFAULT_STRENGTHS)
            ]
        return strengths

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        context["is_open"] = self.is_open(context["today"])
        context["quotes"] = Story.objects.publishable().filter(inquiry=self).order_by("-pk")[:6]
        return context

    @classmethod
    def open_under(cls, page):
        today = timezone.localdate()
        return (
            cls.objects.live()
            .public()
            .descendant_of(page)
            .filter(opens_on__lte=today, closes_on__gte=today)
            .order_by("closes_on")
        )


class InquiryStrength(Orderable):
    """One of the strengths a storyteller can tick under "what made it good?"."""

    inquiry = ParentalKey(InquiryPage, on_delete=models.CASCADE, related_name="strengths")
    name = models.CharField(max_length=100)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


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
            .exclude(on_behalf=True, best_interests_publication="")
        )


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
    TELLER_CHOICES = [
        ("older_person", "An older person"),
        ("carer", "A carer"),
        ("family", "A family member"),
        ("worker", "A worker"),
        ("other", "Someone else"),
    ]
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
    teller = models.CharField(max_length=14, choices=TELLER_CHOICES)
    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    setting = models.CharField(max_length=12, choices=SETTING_CHOICES, blank=True)

    # How it may be used: separate, plain choices.
    consent_learning = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    consent_first_name = models.BooleanField(default=False)

    # Personal details: moderators and the inquiry team only.
    first_name = models.CharField(max_length=80, blank=True)
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
        return f"Story {self.pk} ({self.get_status_display().lower()})"

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
            return f"{self.first_name.strip()}, {self.get_teller_display().lower()}"
        return self.get_teller_display()

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
        return f"{self.what}: {self.from_value} → {self.to_value}"


class InquiryTheme(models.Model):
    """A component part of "good" that the team finds in the stories."""

    inquiry = models.ForeignKey(InquiryPage, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "name"], name="one_theme_name_per_inquiry")
        ]

    def __str__(self):
        return self.name


class Proposition(models.Model):
    """What could be, if the good in the stories happened more often."""

    inquiry = models.ForeignKey(InquiryPage, on_delete=models.CASCADE, related_name="propositions")
    text = models.TextField()
    themes = models.ManyToManyField(InquiryTheme, blank=True, related_name="propositions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]


class SafeguardingTerm(models.Model):
    """A word or phrase that may signal abuse, neglect or risk of harm. The list is kept up to
    date by the safeguarding lead in the admin; matching is a prompt for their judgement."""

    phrase = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase
