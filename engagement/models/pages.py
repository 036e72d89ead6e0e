"""Programme and locality pages: the public face of a programme, edited in Wagtail."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from engagement.models.admin_forms import LocalityPageForm, ProgrammePageForm
from site_content import dates
from site_content.formatting import figure_with_unit
from site_content.page_cache import pages_version

# A new programme's "Who are you?" choices and the strengths its storytellers tick, until it
# sets its own.
DEFAULT_TELLERS = ["An older person", "A carer", "A family member", "A worker", "Someone else"]
DEFAULT_LOCALITY_KINDS = ["Regional project", "Demonstrator site"]
DEFAULT_STRENGTHS = [
    "Being listened to",
    "Having choice",
    "Being in control",
    "Relationships with people",
    "Feeling safe",
    "Being part of the community",
]


def _lines(text: str) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class ProgrammePage(Page):
    """A programme that works with several localities over months, in phases."""

    purpose = models.TextField(help_text="What the programme is for, in one or two sentences.")
    description = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    vision = models.TextField(
        blank=True, help_text="Where the programme is heading, in plain words."
    )
    blueprint_processes = models.TextField("processes", blank=True)
    blueprint_organisation = models.TextField("organisation", blank=True)
    blueprint_technology = models.TextField("technology", blank=True)
    blueprint_information = models.TextField("information", blank=True)
    locality_kinds = models.TextField(
        "kinds of locality",
        default="\n".join(DEFAULT_LOCALITY_KINDS),
        blank=True,
        help_text="The kinds of place taking part, one per line, in the programme's own words: "
        "for example Partner authority, or Health and social care partnership. Left empty: "
        "regional project and demonstrator site.",
    )
    storyteller_kinds = models.TextField(
        "“Who are you?” choices for storytellers",
        default="\n".join(DEFAULT_TELLERS),
        blank=True,
        help_text="One per line, in the programme's own words: for example A person with a "
        "learning disability, A family carer, Staff. The story forms of the programme's "
        "inquiries use them at once. Left empty: the usual five.",
    )
    storyteller_strengths = models.TextField(
        "What made it good: the strengths storytellers tick",
        default="\n".join(DEFAULT_STRENGTHS),
        blank=True,
        help_text="One per line. An inquiry takes these the first time its story form is "
        "opened; after that, change its own list on the inquiry. Left empty: the usual six.",
    )
    progress_tags = models.TextField(
        "progress-log tags",
        blank=True,
        help_text="The tags teams put on progress entries, one per line, in the programme's "
        "own words: for example Employment, Pooled budgets, Community groups. Left empty: "
        "the steps of self-directed support, person-centred thinking tools, and who it is "
        "about.",
    )
    safeguarding_lead = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Stories that may disclose harm go to this person at once, and wait for them.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("description"),
        FieldPanel("safeguarding_lead"),
        FieldPanel("locality_kinds"),
        FieldPanel("storyteller_kinds"),
        FieldPanel("storyteller_strengths"),
        FieldPanel("progress_tags"),
        MultiFieldPanel(
            [
                FieldPanel("vision"),
                FieldPanel("blueprint_processes"),
                FieldPanel("blueprint_organisation"),
                FieldPanel("blueprint_technology"),
                FieldPanel("blueprint_information"),
            ],
            heading="Vision and blueprint of the future model",
        ),
        InlinePanel("phases", label="Phases", heading="Phases, in order"),
        InlinePanel("milestones", label="Milestone", heading="Milestones with targets"),
        InlinePanel("partners", label="Partner or funder", heading="Partners and funders"),
    ]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    base_form_class = ProgrammePageForm
    parent_page_types = ["site_content.HomePage"]
    subpage_types = ["engagement.LocalityPage", "engagement.InquiryPage", "events.EventPage"]

    def kinds(self) -> list[str]:
        """The programme's own kinds of locality, in its order (the usual ones if empty)."""
        return _lines(self.locality_kinds) or DEFAULT_LOCALITY_KINDS

    def tellers(self) -> list[str]:
        """The programme's own "Who are you?" choices for storytellers."""
        return _lines(self.storyteller_kinds) or DEFAULT_TELLERS

    def strengths(self) -> list[str]:
        """The strengths a new inquiry of this programme offers storytellers to tick."""
        return _lines(self.storyteller_strengths) or DEFAULT_STRENGTHS

    def own_tags(self) -> list[str]:
        """The programme's own progress-log tags; empty means the usual three lists."""
        return _lines(self.progress_tags)

    @property
    def listing_summary(self) -> str:
        return self.purpose

    def current_phase(self, today: datetime.date | None = None, phases=None):
        """The phase that today falls in; between phases, the most recently started one
        (``phases``: the programme's phases, when already read)."""
        today = today or timezone.localdate()
        phases = self.phases.all() if phases is None else phases
        started = [p for p in phases if p.start_date <= today]
        return started[-1] if started else None

    def localities(self):
        return LocalityPage.objects.child_of(self).live().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        phases = SimpleLazyObject(lambda: list(self.phases.all()))
        context.update(
            # Read only when the page's cached content is rendered again.
            phases=phases,
            current_phase=SimpleLazyObject(lambda: self.current_phase(today, phases)),
            today=today,
            pages_version=pages_version(),
            # A preview shows the editor's unsaved changes: never cached, never served a cache.
            is_preview=bool(getattr(request, "is_preview", False)),
            cache_seconds=0 if getattr(request, "is_preview", False) else 86400,
            milestones=self.milestones.all(),
            partners=self.partners.all(),
            locality_pages=SimpleLazyObject(lambda: self.localities().public()),
            # The programme's published guides (GuidePage.programme; built ones only).
            guides=SimpleLazyObject(
                lambda: [g for g in self.guides.live().public().order_by("path") if g.is_built]
            ),
        )
        return context


class ProgrammePhase(Orderable):
    """One phase of a programme: a name, what it is for and its dates."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=120)
    purpose = models.TextField(blank=True)
    start_date = models.DateField(validators=[dates.plausible])
    end_date = models.DateField(validators=[dates.plausible])

    panels = [
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "phase"

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    def state(self, today: datetime.date) -> str:
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "done"
        return "current"


class Milestone(Orderable):
    """A dated milestone with a measurable target that localities report against."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(
        max_length=200,
        help_text='For example: "People using adult social care on a personal budget".',
    )
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=40, help_text='For example "%" or "organisations".')
    baseline = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    due_date = models.DateField(validators=[dates.plausible])

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("baseline"),
                FieldPanel("target"),
                FieldPanel("due_date"),
            ],
            heading="Target",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "milestone"

    def __str__(self):
        target = figure_with_unit(self.target, self.unit)
        return f"{self.title} ({target} by {self.due_date:%-d %B %Y})"

    @property
    def target_display(self) -> str:
        return figure_with_unit(self.target, self.unit)

    @property
    def baseline_display(self) -> str:
        return figure_with_unit(self.baseline, self.unit)


class Partner(Orderable):
    """An organisation that partners in or funds the programme."""

    PARTNER = "partner"
    FUNDER = "funder"
    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=[(PARTNER, "Partner"), (FUNDER, "Funder")], default=PARTNER
    )
    url = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("url")]

    def __str__(self):
        return self.name


RESERVED_WORKSPACE_SLUGS = {"panels", "reviews", "programme", "inquiries", "invitations", "groups"}


class LocalityPage(Page):
    """A place taking part in a programme. The page is public; its workspace is private."""

    # Kinds saved before each programme had its own list.
    OLD_KINDS = {"regional": "Regional project", "demonstrator": "Demonstrator site"}
    summary = models.TextField(
        help_text="What this locality is working on, in plain English (two or three sentences)."
    )
    kind = models.CharField(max_length=80, default="Regional project")
    region = models.CharField(max_length=120, blank=True)
    contact_role = models.CharField(
        "who to ask for",
        max_length=200,
        blank=True,
        help_text='A role, not a person\'s name, for example "locality lead".',
    )
    # This page is public: a team's shared address and number, never a person's own.
    contact_email = models.EmailField(
        "the team's email", blank=True, help_text="A shared team address, not a person's own."
    )
    contact_phone = models.CharField("the team's phone number", max_length=40, blank=True)
    agreed_to_publish = models.BooleanField(
        default=False,
        help_text="The locality team agrees that its learning may appear in the published guide.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        FieldPanel("region"),
        MultiFieldPanel(
            [FieldPanel("contact_role"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="How people reach the team",
        ),
        FieldPanel("agreed_to_publish"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    base_form_class = LocalityPageForm
    parent_page_types = ["engagement.ProgrammePage"]
    subpage_types = ["engagement.InquiryPage", "events.EventPage"]

    @property
    def kind_label(self) -> str:
        return self.OLD_KINDS.get(self.kind, self.kind)

    # Kept in step with the page tree on save, so workspace queries need no tree walk.
    programme = models.ForeignKey(
        ProgrammePage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="locality_pages",
    )

    def clean(self):
        super().clean()
        # The workspace lives at /workspace/<slug>/, so the slug must be unique site-wide.
        clash = LocalityPage.objects.filter(slug=self.slug).exclude(pk=self.pk).exists()
        if self.slug in RESERVED_WORKSPACE_SLUGS:
            raise ValidationError({"slug": "This slug is used by the workspace itself."})
        if clash:
            raise ValidationError({"slug": "Another locality already uses this slug."})

    def get_workspace_url(self) -> str:
        from django.urls import reverse

        return reverse("workspace:home", args=[self.slug])

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.programme_id = parent.pk
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme"] = self.programme
        return context
