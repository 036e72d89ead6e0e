"""What people do at events: their registrations (with the days they come), the notes and
group work recorded there, and the topics they suggest."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.names import WrittenInLetters
from site_content import dates


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """A place at an event, or a place on its waiting list."""

    CONFIRMED, WAITING, OFFERED = "confirmed", "waiting", "offered"
    CANCELLED, EXPIRED = "cancelled", "expired"
    # Booked by someone who has not yet shown the email address is theirs (by its link): it
    # holds no place and is on no waiting list until they do.
    PENDING = "pending"
    STATUS_CHOICES = [
        (PENDING, "Not confirmed yet"),
        (CONFIRMED, "Place confirmed"),
        (WAITING, "On the waiting list"),
        (OFFERED, "Place offered"),
        (CANCELLED, "Cancelled"),
        (EXPIRED, "Offer expired"),
    ]
    HOLDING = (CONFIRMED, OFFERED)  # statuses that hold places
    TAKING_PART_CHOICES = [
        ("uses_services", "Someone who uses care or support services"),
        ("carer", "Carer"),
        ("provider", "Someone who works for a care or support service"),
        ("commissioner", "Someone who plans or pays for services, such as the council or NHS"),
        ("other", "Other"),
    ]

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200, validators=[WrittenInLetters("the name")])
    email = models.EmailField()
    taking_part_as = models.CharField(max_length=20, choices=TAKING_PART_CHOICES)
    access_needs = models.TextField(blank=True, max_length=2000)
    dietary_needs = models.TextField(blank=True, max_length=1000)
    companions = models.PositiveSmallIntegerField(default=0)
    overnight = models.BooleanField("needs overnight accommodation", default=False)
    overnight_notes = models.TextField("overnight accommodation needs", blank=True, max_length=1000)
    # Whose places this booking takes: a locality's set-aside places, or (empty) everyone's.
    places_from = models.ForeignKey(
        "engagement.LocalityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="places of",
    )
    consent_to_contact = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per email per event; cancelled ones can be made again.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status__in=["cancelled", "expired"]),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event} ({self.get_status_display()})"

    @classmethod
    def of_person(cls, *, user=None, email=""):
        """Every booking that is this person's (whatever its status): held by their account,
        or held by no account and made with ``email`` or an address verified on their
        account. A booking is held by the account its address is verified on (the booking
        service and ``clean`` keep it so), never by whoever typed the address. The one home of
        "whose booking": My bookings, the event page and people's-rights exports ask it."""
        from accounts.addresses import verified_addresses

        theirs = Q(pk__in=[])
        if email:
            # Not yet confirmed, a booking is still held by whoever typed the address; the
            # words in it (a name, needs) are about the address's owner too.
            theirs |= Q(email__iexact=email.strip()) & (Q(user__isnull=True) | Q(status="pending"))
        if user is not None:
            theirs |= Q(user=user) | Q(user__isnull=True, email__in=verified_addresses(user))
        return cls.objects.filter(theirs)

    @classmethod
    def held_by(cls, user):
        """The places (and waiting-list places) this signed-in person holds. A booking still
        waiting for its emailed link is left out: that mailbox has not answered yet."""
        return cls.of_person(user=user).exclude(
            status__in=[cls.PENDING, cls.CANCELLED, cls.EXPIRED]
        )

    def attendance_refusal(self, day=None) -> str | None:
        """Why who came cannot be recorded for this booking (on ``day`` of a multi-day
        event), in plain words; None when it can. The one home of the rule: the attendee
        page's service and the admin's booking editor both ask it."""
        if self.status != self.CONFIRMED:
            return "Attendance is recorded only for confirmed places."
        event = self.event
        if day is None and event.is_multi_day:
            return (
                "For an event over several days, record who came day by day, on the event's "
                "attendee page."
            )
        if day is not None and day not in event.days:
            return "The event does not run on that day."
        if day is not None and day not in event.days_begun():
            return f"Who came on {day:%A %-d %B} can be recorded once that day has begun."
        if day is None and event.starts_at > timezone.now():
            return "Who came can be recorded once the event has started."
        return None

    def clean(self):
        super().clean()
        if self.pk is None or not self.event_id:
            return
        before = Registration.objects.filter(pk=self.pk).values("attended", "email").first()
        if before and self.email and self.email.strip().lower() != before["email"]:
            # The place passed to another address (the admin's editor): it is theirs now,
            # not the account that held it.
            from accounts.addresses import holder_of

            self.email = self.email.strip().lower()
            self.user = holder_of(self.email)
        if self.attended is not None and self.attended != (before or {}).get("attended"):
            refusal = self.attendance_refusal()
            if refusal:
                raise ValidationError({"attended": refusal})

    @property
    def places(self) -> int:
        return 1 + self.companions


class AttendanceDay(models.Model):
    """One day of a multi-day event for one booking: whether the person said they would come,
    and whether they came."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance_days"
    )
    day = models.DateField(validators=[dates.plausible])
    coming = models.BooleanField(default=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="one_row_per_day")
        ]

    def __str__(self):
        return f"{self.registration.name} on {self.day:%-d %B %Y}"


class EventRecord(models.Model):
    """What the recorder wrote: notes, or a group-work record (the question and what each
    group said)."""

    NOTES, GROUP_WORK = "notes", "group_work"
    KIND_CHOICES = [(NOTES, "Notes"), (GROUP_WORK, "Group work")]
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default=NOTES)
    question = models.CharField(max_length=300, blank=True, help_text="For group work.")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.event}"


class TopicSuggestion(models.Model):
    """A topic someone suggests in advance for a congress."""

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=300)
    name = models.CharField(max_length=200, blank=True, validators=[WrittenInLetters("the name")])
    # Set when the person was signed in, so that their copy of their data finds it by account,
    # not by a name someone else may share; removed with the name (events.rights).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.topic
