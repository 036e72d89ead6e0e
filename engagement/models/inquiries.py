"""Appreciative inquiry: the inquiry page with its strengths, and what the team makes of the
stories (themes, propositions)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from site_content import dates

from .pages import DEFAULT_STRENGTHS, DEFAULT_TELLERS, LocalityPage, ProgrammePage

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
    opens_on = models.DateField(default=timezone.localdate, validators=[dates.plausible])
    closes_on = models.DateField(validators=[dates.plausible])
    stage = models.CharField(max_length=10, choices=STAGE_CHOICES, default=DISCOVER)
    run_by = models.CharField(
        "who runs it",
        max_length=200,
        help_text=(
            'For example "the Ashcombe locality team". It is said within sentences, such as '
            '"An inquiry run by the Ashcombe locality team".'
        ),
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

    # Where the inquiry is, as the public page says it (the stage names are the team's words).
    STAGE_SAID = {
        DISCOVER: "We are collecting stories.",
        DREAM: "We are talking about what could be, from the stories people told.",
        DESIGN: "We are planning the changes, from the stories people told.",
        DELIVER: "We are making the changes that came from the stories.",
    }

    @property
    def stage_said(self) -> str:
        return self.STAGE_SAID.get(self.stage, "")

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def teller_choices(self) -> list[tuple[str, str]]:
        """The "Who are you?" choices: the programme's own list."""
        programme = self.programme
        tellers = programme.tellers() if programme else DEFAULT_TELLERS
        return [(t, t) for t in tellers]

    def strength_choices(self):
        """This inquiry's strengths, starting from its programme's list (or the usual six) the
        first time none are set."""
        strengths = list(self.strengths.all())
        if not strengths and self.pk:
            names = self.programme.strengths() if self.programme else DEFAULT_STRENGTHS
            strengths = [
                InquiryStrength.objects.create(inquiry=self, name=name, sort_order=i)
                for i, name in enumerate(names)
            ]
        return strengths

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        context["is_open"] = self.is_open(context["today"])
        context["quotes"] = self.stories.publishable().order_by("-pk")[:6]
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
