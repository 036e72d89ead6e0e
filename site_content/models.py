"""Public pages that are not part of a programme: the home page and plain content pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import dates
from .blocks import BaseStreamBlock


class HomePage(Page):
    """The front door: what Common Ground is and the programmes it runs."""

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    subpage_types = [
        "site_content.StandardPage",
        "site_content.PrivacyNoticePage",
        "site_content.AccessibilityStatementPage",
        "engagement.ProgrammePage",
        "guide.GuidePage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        # Pages from other apps (programmes) say how they are listed; this app need not know them.
        context["featured"] = [c for c in children if getattr(c, "listing_summary", None)]
        context["pages"] = [c for c in children if c.show_in_menus and c not in context["featured"]]
        from .listings import home_sections

        context["sections"] = home_sections(request)
        return context


class StandardPage(Page):
    """A plain content page: about, accessibility statement, privacy notice."""

    introduction = models.TextField(blank=True, help_text="One or two plain sentences.")
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    subpage_types = ["site_content.StandardPage"]


class OutgoingEmail(models.Model):
    """An email the platform owes someone. Saved with the record it is about, sent by a
    background task after the transaction commits, retried with back-off if the mail server
    fails, and visible to staff when it cannot be sent."""

    QUEUED, SENT, RETRYING, FAILED = "queued", "sent", "retrying", "failed"
    STATUS_CHOICES = [
        (QUEUED, "Waiting to send"),
        (SENT, "Sent"),
        (RETRYING, "Failed, will try again"),
        (FAILED, "Could not be sent"),
    ]
    to = models.CharField(max_length=1000, help_text="Recipients, separated by commas.")
    subject = models.CharField(max_length=255)
    body = models.TextField()
    html = models.TextField(blank=True)
    # Files sent with it, e.g. a calendar: [{"name", "mimetype", "text" or "base64"}].
    attachments = models.JSONField(default=list, blank=True)
    from_email = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} to {self.to} ({self.get_status_display().lower()})"


class PeriodicRun(models.Model):
    """When a periodic background task was last enqueued and is next due. The row is claimed
    with one conditional update, so two worker hosts never enqueue the same run twice."""

    name = models.CharField(max_length=200, unique=True)
    next_due_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class SentForm(models.Model):
    """A form that creates something, as sent once (site_content.once): its key, and where
    the person was taken after, so a second send of the same form goes there too."""

    key = models.CharField(max_length=32)
    digest = models.CharField(
        max_length=64, blank=True, help_text="A fingerprint of what was sent (nothing of it kept)."
    )
    went_to = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "digest"], name="one_send_per_form_and_content")
        ]

    def __str__(self):
        return self.key


@register_setting(icon="lock")
class SecurityContact(BaseGenericSetting):
    """Who to tell about a security problem, published at /.well-known/security.txt
    (RFC 9116) and on the "Report a security problem" page."""

    contact_email = models.EmailField(
        blank=True, help_text="Where reports of security problems go, for example a team inbox."
    )
    expires_on = models.DateField(
        null=True,
        blank=True,
        help_text="security.txt must say when it stops being valid: at most a year ahead. "
        "Review the contact and move this date on before it passes.",
        validators=[dates.plausible],
    )
    acknowledgement_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days within which you reply to a report."
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("expires_on"),
        FieldPanel("acknowledgement_days"),
    ]

    class Meta:
        verbose_name = "Security contact"

    def problems(self, today) -> list[str]:
        """What stops security.txt being published, in plain words (empty when it is fine)."""
        found = []
        if not self.contact_email:
            found.append("no security contact email is set")
        if self.expires_on is None:
            found.append("no expiry date is set")
        elif self.expires_on <= today:
            found.append(f"the expiry date {self.expires_on:%-d %B %Y} has passed")
        return found


@register_setting(icon="doc-full")
class DataProtectionDetails(BaseGenericSetting):
    """What only the organisation running the site can say about the information it holds.
    The privacy notice and the data-protection pack say plainly what is still missing."""

    organisation_name = models.CharField(
        "Organisation responsible (data controller)",
        max_length=200,
        blank=True,
        help_text="The organisation that decides why and how people's information is used, "
        "for example a council or a charity.",
    )
    contact = models.TextField(
        "How people contact you about their information",
        blank=True,
        help_text="An email address, a phone number and a postal address.",
    )
    dpo = models.TextField(
        "Data protection officer",
        blank=True,
        help_text="Their name or role and how to reach them. Public authorities must have one.",
    )
    lawful_basis = models.TextField(
        "Lawful basis",
        blank=True,
        help_text="The lawful basis you rely on for each purpose (UK GDPR Article 6), in plain "
        "words. For example: “We use your story because you agree to it (consent).”",
    )
    special_category_condition = models.TextField(
        "Condition for health and care information",
        blank=True,
        help_text="The condition you rely on for special category data, such as access needs "
        "and health (UK GDPR Article 9).",
    )
    processors = models.TextField(
        "Companies that handle information for you",
        blank=True,
        help_text="For example the host, the mail service and file storage: one per line.",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact"),
        FieldPanel("dpo"),
        FieldPanel("lawful_basis"),
        FieldPanel("special_category_condition"),
        FieldPanel("processors"),
    ]

    class Meta:
        verbose_name = "Data protection details"

    # What must be filled in before the site goes live, in the order the notice uses them.
    NEEDED = {
        "organisation_name": "who is responsible for your information",
        "contact": "how to contact them about it",
        "dpo": "who their data protection officer is",
        "lawful_basis": "the lawful basis they rely on",
        "special_category_condition": "the condition they rely on for health and care information",
        "processors": "which companies handle information for them",
    }

    def missing(self) -> list[str]:
        """What the organisation has not yet said, in the notice's words."""
        return [words for name, words in self.NEEDED.items() if not getattr(self, name).strip()]


class KnownProblemBlock(blocks.StructBlock):
    problem = blocks.TextBlock(help_text="What does not work, in plain words.")
    criterion = blocks.CharBlock(
        required=False, help_text="The WCAG 2.2 success criterion, for example 1.1.1."
    )
    plan = blocks.TextBlock(required=False, help_text="What you will do about it, and when.")

    class Meta:
        icon = "warning"


class PrivacyNoticePage(RoutablePageMixin, Page):
    """The privacy notice, built from what each app declares it records (site_content.privacy)
    and the organisation's data protection details. Its Easy Read version is at easy-read/."""

    introduction = models.TextField(blank=True, help_text="One or two plain sentences.")

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        HelpPanel(
            "The rest of the notice is written from what the platform records, who may read "
            "it and how long it is kept. The organisation's own part is under Settings, "
            "Data protection details."
        ),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["site_content.HomePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .privacy import days, records

        context = super().get_context(request, *args, **kwargs)
        details = DataProtectionDetails.load(request_or_site=request)
        context.update(
            records=records(),
            details=details,
            missing=details.missing(),
            audit_kept=days("audit_log"),
        )
        return context

    @path("")
    def notice(self, request):
        return self.render(request)

    @path("easy-read/")
    def easy_read(self, request):
        return self.render(
            request, template="site_content/privacy_easy_read.html", context_overrides={}
        )


class AccessibilityStatementPage(Page):
    """The accessibility statement in the public-sector model form. The organisation sets
    the contact, the dates and any problems it knows of; the platform adds what it knows it
    does not meet and how it is tested."""

    contact_email = models.EmailField(
        blank=True, help_text="Where people ask for another format or report a problem."
    )
    contact_phone = models.CharField(max_length=40, blank=True)
    reply_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Working days within which you reply.",
    )
    prepared_on = models.DateField(
        null=True,
        blank=True,
        help_text="When this statement was first prepared.",
        validators=[dates.not_in_future],
    )
    last_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When you last checked the site and this statement. Review it at least "
        "once a year.",
        validators=[dates.not_in_future],
    )
    known_problems = StreamField(
        [("problem", KnownProblemBlock())],
        blank=True,
        use_json_field=True,
        help_text="Problems you know of beyond those the platform itself lists.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("reply_days")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("last_reviewed_on")], heading="Dates"
        ),
        FieldPanel("known_problems"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["site_content.HomePage"]
    max_count = 1

    def missing(self) -> list[str]:
        found = []
        if not (self.contact_email or self.contact_phone):
            found.append("how to ask for another format or report a problem")
        if self.prepared_on is None:
            found.append("when the statement was prepared")
        if self.last_reviewed_on is None:
            found.append("when the statement was last reviewed")
        return found

    def get_context(self, request, *args, **kwargs):
        from .accessibility import HOW_TESTED, PLATFORM_PROBLEMS

        context = super().get_context(request, *args, **kwargs)
        details = DataProtectionDetails.load(request_or_site=request)
        context.update(
            organisation=details.organisation_name.strip(),
            platform_problems=PLATFORM_PROBLEMS,
            how_tested=HOW_TESTED,
            missing=self.missing(),
        )
        return context
