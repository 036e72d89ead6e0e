"""Event pages: design days, network meetings, residentials and the rest, with their agenda,
places set aside for localities and roles. Registrations live in events.models.registrations."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from engagement.models import GroupMembership, LocalityMembership, LocalityPage
from events.admin_forms import EventPageForm
from site_content import dates
from site_content.fields import address_list_problem, addresses_in

from .kinds import KIND_CHOICES, KIND_MEANINGS
from .registrations import Registration

LONDON = zoneinfo.ZoneInfo("Europe/London")
# An event that ends before this hour on the next day is an evening, not a second day.
NIGHT_ENDS = datetime.timedelta(hours=6)


def _and_list(names: list[str]) -> str:
    """ "A, B and C"."""
    if len(names) <= 1:
        return "".join(names) or "nobody yet"
    return f"{', '.join(names[:-1])} and {names[-1]}"


class EventPage(Page):
    """An event of a programme or a locality. A festival has its own events beneath it."""

    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    purpose = models.TextField(help_text="What the event is for, in plain English.")
    starts_at = models.DateTimeField(help_text="UK time.", validators=[dates.plausible])
    ends_at = models.DateTimeField(
        help_text="UK time. Several days for a residential.", validators=[dates.plausible]
    )
    venue = models.CharField(max_length=255, blank=True)
    address = models.TextField(blank=True)
    # Who to ask before the day (access, a change of plan): shown on the event's pages.
    contact_name = models.CharField(
        "who to contact",
        max_length=200,
        blank=True,
        help_text='A person or a team, for example "Ashcombe events team".',
    )
    contact_email = models.EmailField("their email", blank=True)
    contact_phone = models.CharField("their phone number", max_length=40, blank=True)
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField(default=False)
    parking = models.BooleanField("accessible parking", default=False)
    accessible_toilets = models.BooleanField(default=False)
    access_notes = models.TextField(blank=True)
    online_joining = models.TextField(
        blank=True, help_text="Shown only to people who have registered."
    )
    capacity = models.PositiveIntegerField(
        default=30, help_text="Places, counting companions (carers and supporters)."
    )
    max_companions = models.PositiveSmallIntegerField(default=2)
    ground_rules = models.TextField(blank=True, help_text="One per line.")
    cancelled = models.BooleanField(default=False)
    series = models.CharField(
        max_length=120, blank=True, help_text="Events in the same series report back to each other."
    )

    # Who may book a place: everyone, the people of chosen localities, or invited people.
    EVERYONE, LOCALITIES, INVITED = "everyone", "localities", "invited"
    OPEN_TO_CHOICES = [
        (EVERYONE, "Everyone"),
        (
            LOCALITIES,
            "Only the teams of the localities and the members of the groups chosen below "
            "(they sign in to book)",
        ),
        (INVITED, "Only the people invited below, by email address"),
    ]
    open_to = models.CharField(
        "who can book", max_length=12, choices=OPEN_TO_CHOICES, default=EVERYONE
    )
    open_localities = ParentalManyToManyField(
        "engagement.LocalityPage", blank=True, related_name="+", verbose_name="localities"
    )
    open_groups = ParentalManyToManyField(
        "engagement.WorkingGroup",
        blank=True,
        related_name="+",
        verbose_name="working groups",
        help_text="Their members may book, wherever they come from.",
    )
    invited_emails = models.TextField(
        "invited people",
        blank=True,
        help_text="Their email addresses, one per line (or separated by commas).",
    )
    group = models.ForeignKey(
        "engagement.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name="a meeting of the group",
        help_text="The event is listed in the group's space as one of its meetings.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("series")], heading="When"
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("step_free"),
                FieldPanel("hearing_loop"),
                FieldPanel("parking"),
                FieldPanel("accessible_toilets"),
                FieldPanel("access_notes"),
                FieldPanel("online_joining"),
            ],
            heading="Where, and access",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Questions before the day",
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("max_companions"), FieldPanel("cancelled")],
            heading="Places",
        ),
        MultiFieldPanel(
            [
                FieldPanel("open_to"),
                FieldPanel("open_localities"),
                FieldPanel("open_groups"),
                FieldPanel("invited_emails"),
                FieldPanel("group"),
            ],
            heading="Who can book",
        ),
        InlinePanel(
            "locality_places",
            label="Places for a locality",
            heading="Places for localities",
            help_text="Set places aside for a locality's team. Its members book them (they sign "
            "in); when they are full, its members wait on the locality's own waiting list. The "
            "places not set aside are for everyone else.",
        ),
        InlinePanel("sessions", label="Session", heading="Agenda"),
        InlinePanel("roles", label="Role", heading="Roles"),
        FieldPanel("ground_rules"),
    ]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    base_form_class = EventPageForm
    parent_page_types = ["engagement.ProgrammePage", "engagement.LocalityPage", "events.EventPage"]
    subpage_types = ["events.EventPage"]

    def invited(self) -> set[str]:
        return {e.lower() for e in addresses_in(self.invited_emails)}

    def booking_refusal(self, email: str, user=None) -> str | None:
        """Why this person may not book a place, in plain words; None when they may. The one
        home of the rule: the booking service and the event page both ask it."""
        if self.open_to == self.INVITED:
            if (email or "").strip().lower() not in self.invited():
                return (
                    "This event is for invited people only, and this email address is not on "
                    "the list. If you were invited, use the address the invitation was sent to, "
                    "or contact the organiser."
                )
        elif self.open_to == self.LOCALITIES:
            names = self.open_to_names()
            if user is None or not user.is_authenticated:
                return f"This event is for {names}. If you are in it, sign in to book a place."
            in_locality = LocalityMembership.objects.filter(
                user=user, locality__in=self.open_localities.all()
            ).exists()
            in_group = GroupMembership.objects.filter(
                user=user, group__in=self.open_groups.all()
            ).exists()
            if not (in_locality or in_group):
                return f"This event is for {names} only."
        return None

    def open_to_names(self) -> str:
        """The teams and groups an event of chosen localities is for: "the A team and the B
        group"."""
        return _and_list(
            [f"the {loc.title} team" for loc in self.open_localities.all()]
            + [f"the {group.name} group" for group in self.open_groups.all()]
        )

    @property
    def who_may_book(self) -> str:
        """Who may book, in one plain sentence for the event page: said before anyone types."""
        if self.open_to == self.INVITED:
            return "Invited people only. Use the email address your invitation was sent to."
        if self.open_to == self.LOCALITIES:
            names = self.open_to_names()
            return f"Members of {names}, signed in."
        return "Anyone. You do not need an account."

    def place_of(self, user):
        """The place (or waiting-list place) this signed-in person holds here, if any."""
        if user is None or not user.is_authenticated:
            return None
        return Registration.held_by(user).filter(event=self).first()

    def booking_localities(self, user) -> list:
        """The localities whose set-aside places this person may book: those given places
        here of which they are a member (signed in). With several, they choose one."""
        if user is None or not user.is_authenticated:
            return []
        return list(
            LocalityPage.objects.filter(
                pk__in=self.locality_places.values("locality_id"), members__user=user
            ).order_by("title")
        )

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        if problem := address_list_problem(self.invited_emails):
            raise ValidationError({"invited_emails": problem})

    @property
    def kind_meaning(self) -> str:
        return KIND_MEANINGS.get(self.kind, "")

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, LONDON)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, LONDON)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def access_features(self) -> list[str]:
        names = [
            ("step_free", "Step-free access"),
            ("hearing_loop", "Hearing loop"),
            ("parking", "Accessible parking"),
            ("accessible_toilets", "Accessible toilets"),
        ]
        return [label for field, label in names if getattr(self, field)]

    @property
    def days(self) -> list[datetime.date]:
        """The days the event runs on (UK dates), first to last. An evening that runs past
        midnight (ending before 6am) is one day, not two: no one is asked which days they
        will come, or where they sleep, for a social that ends at half past twelve."""
        first = self.local_start.date()
        last = max((self.local_end - NIGHT_ENDS).date(), first)
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    def days_begun(self) -> list[datetime.date]:
        """The days of the event that have begun: a day begins at midnight (UK time), its
        first day when the event starts."""
        now = timezone.now()
        return [
            day
            for day in self.days
            if max(datetime.datetime.combine(day, datetime.time(), LONDON), self.starts_at) <= now
        ]

    @property
    def is_multi_day(self) -> bool:
        return len(self.days) > 1

    def place_pools(self) -> dict[int | None, int]:
        """Places by whose they are: a locality's id for its set-aside places, None for the
        places everyone else books (the capacity less what is set aside)."""
        pools = {lp.locality_id: lp.places for lp in self.locality_places.all()}
        return {**pools, None: max(self.capacity - sum(pools.values()), 0)}

    def places_taken_by_pool(self) -> dict[int | None, int]:
        """Places held (confirmed or offered) in each pool; a place from a locality no longer
        given places counts as an everyone place."""
        pools = self.place_pools()
        taken = dict.fromkeys(pools, 0)
        rows = (
            self.registrations.filter(status__in=Registration.HOLDING)
            .values("places_from_id")
            .annotate(n=Sum(models.F("companions") + 1))
        )
        for row in rows:
            key = row["places_from_id"] if row["places_from_id"] in pools else None
            taken[key] += row["n"]
        return taken

    def places_taken(self) -> int:
        taken = self.registrations.filter(status__in=Registration.HOLDING).aggregate(
            n=Sum(models.F("companions") + 1)
        )["n"]
        return taken or 0

    def places_left(self) -> int:
        return max(self.capacity - self.places_taken(), 0)

    def places_for(self, user) -> list[tuple]:
        """The places that apply to this person, as (locality or None, places left) rows:
        one row per locality with places here of which they are a member (the pools a booking
        of theirs takes, as ``Registration.places_from`` is chosen), or else one row for the
        places everyone else books. An event with no places set aside has one row."""
        localities = self.booking_localities(user) if self.locality_places.exists() else []
        # Pools, bookings and the event's free places read once for every row.
        pools, taken, left = self.place_pools(), self.places_taken_by_pool(), self.places_left()

        def free(pool):
            return max(min(pools[pool] - taken[pool], left), 0)

        if localities:
            return [(locality, free(locality.pk)) for locality in localities]
        return [(None, free(None))]

    def places_context(self, user) -> dict:
        """What the event page and the register page say about places, for this person."""
        rows = self.places_for(user)
        set_aside = [lp.locality.title for lp in self.locality_places.select_related("locality")]
        return {
            "places_for_you": rows,
            "set_aside_for": _and_list([f"the {t} team" for t in set_aside]) if set_aside else "",
            "any_places_for_you": any(left for _locality, left in rows),
        }

    def previous_in_series(self):
        """The last event of this series before this one: of the same programme (a series
        is a name anyone may type) and public (what was agreed at a private event stays
        there)."""
        from engagement.models import ProgrammePage

        if not self.series:
            return None
        earlier = (
            EventPage.objects.live()
            .public()
            .filter(series=self.series, starts_at__lt=self.starts_at)
        )
        programme = ProgrammePage.objects.ancestor_of(self).first()
        earlier = earlier.descendant_of(programme) if programme else earlier.none()
        return earlier.order_by("-starts_at").first()

    def since_last_time(self):
        """The previous event of this series and the actions agreed there, with their status."""
        from engagement.models import Action

        previous = self.previous_in_series()
        if previous is None or self.group_id or previous.group_id:
            return None  # a working group's meetings: what it agreed stays inside the group
        actions = Action.objects.filter(
            source_type__model="eventpage", source_id=previous.pk, locality__isnull=False
        ).select_related("owner", "locality")
        return {"event": previous, "actions": actions}

    def organised_by(self):
        """The locality or programme the event belongs to, whose organisers run it (a
        festival's events: the festival's)."""
        from engagement.models import ProgrammePage

        for ancestor in self.get_ancestors().specific().order_by("-depth"):
            if isinstance(ancestor, LocalityPage | ProgrammePage):
                return ancestor
        return None

    def get_context(self, request, *args, **kwargs):
        from engagement import access

        context = super().get_context(request, *args, **kwargs)
        owner = self.organised_by() if request.user.is_authenticated else None
        # Organisers find the attendee list and the record from the event itself.
        context["organiser"] = owner is not None and access.can_organise_in(request.user, owner)
        context.update(self.places_context(request.user))
        context["your_place"] = self.place_of(request.user)
        context["since_last_time"] = self.since_last_time()
        context["sessions"] = self.sessions.all()
        context["roles"] = self.roles.all()
        return context
