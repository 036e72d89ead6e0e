"""Public pages that are not part of a programme: the home page and plain content pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The front door: what Common Ground is and the programmes it runs."""

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    subpage_types = ["site_content.StandardPage", "engagement.ProgrammePage", "guide.GuidePage"]
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
