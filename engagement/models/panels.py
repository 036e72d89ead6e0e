"""Experts-by-experience panels, review rounds, feedback and the answers to it."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from site_content import dates

from .pages import LocalityPage, ProgrammePage
from .workspace import Action, private_storage

# How a question is answered: a scale of words, or in the member's own words only.
AGREEMENT, YES_NO, OWN_WORDS = "agreement", "yes_no", "text"
SCALE_CHOICES = [
    (AGREEMENT, "Yes, mostly, not really, no, not sure"),
    (YES_NO, "Yes, no, not sure"),
    (OWN_WORDS, "In their own words only"),
]
SCALES = {
    AGREEMENT: [
        ("yes", "Yes"),
        ("mostly", "Mostly"),
        ("not_really", "Not really"),
        ("no", "No"),
        ("not_sure", "Not sure"),
    ],
    YES_NO: [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")],
    OWN_WORDS: [],
}
# The questions most rounds ask, each with the scale that fits it.
STANDARD_QUESTION_SCALES = {
    "Is it in plain English?": AGREEMENT,
    "Is anything missing?": YES_NO,
    "What would make it easier to use?": OWN_WORDS,
    "Would you trust it?": AGREEMENT,
}
STANDARD_QUESTIONS = list(STANDARD_QUESTION_SCALES)


class Panel(models.Model):
    """A group of people with lived experience who review the programme's work."""

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="panels")
    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="panels"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitated_panels"
    )
    chair = models.CharField("independent chair", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships"
    )
    show_name_publicly = models.BooleanField(default=False)
    boards = models.TextField(
        "boards and groups they sit on", blank=True, help_text="One per line."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="one_seat_per_panel")]
        ordering = ["user__first_name", "user__last_name"]

    def __str__(self):
        return f"{self.user} ({self.panel})"

    @property
    def public_name(self) -> str:
        return self.user.display_name if self.show_name_publicly else "A panel member"


class MemberTraining(models.Model):
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="training")
    name = models.CharField(max_length=200)
    completed_on = models.DateField(validators=[dates.not_in_future])

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self):
        return f"{self.name} ({self.completed_on})"


class ReviewRound(models.Model):
    """A panel reviews one thing: a document, a page of the site or a draft guide chapter."""

    OPEN, CLOSED, PUBLISHED = "open", "closed", "published"
    STATUS_CHOICES = [
        (OPEN, "Open for feedback"),
        (CLOSED, "Closed"),
        (PUBLISHED, "Responses published"),
    ]

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    document = models.FileField(
        upload_to="review-documents/", storage=private_storage, blank=True, max_length=255
    )
    document_name = models.CharField(max_length=255, blank=True)
    easy_read_document = models.FileField(
        upload_to="review-documents/",
        storage=private_storage,
        blank=True,
        max_length=255,
        help_text="An Easy Read version, reviewed side by side with the document.",
    )
    easy_read_document_name = models.CharField(max_length=255, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page of the site or a draft guide chapter.",
    )
    closes_on = models.DateField(validators=[dates.plausible])
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=OPEN)
    public = models.BooleanField(
        default=False, help_text='Show "You said, we did" to everyone once responses are published.'
    )
    invited = models.ManyToManyField(PanelMember, related_name="invitations", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.OPEN and today <= self.closes_on


class RoundQuestion(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    scale = models.CharField(max_length=10, choices=SCALE_CHOICES, default=AGREEMENT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def choices(self) -> list[tuple[str, str]]:
        return SCALES[self.scale]


class Feedback(models.Model):
    """One member's answers to a round."""

    ONLINE, MEETING, PHONE, PAPER = "online", "meeting", "phone", "paper"
    HOW_CHOICES = [
        (ONLINE, "Online"),
        (MEETING, "At a meeting"),
        (PHONE, "By phone"),
        (PAPER, "On paper"),
    ]

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="feedback")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    how_given = models.CharField(max_length=10, choices=HOW_CHOICES, default=ONLINE)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_feedback_per_member")
        ]

    def __str__(self):
        return f"Feedback from {self.member} on {self.round}"


class Answer(models.Model):
    """An answer to one question: a rating in words and the member's own words (a point)."""

    RATING_CHOICES = SCALES[AGREEMENT]  # every scale's words are among these
    NOT_ANSWERED = "Not answered"
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoundQuestion, on_delete=models.CASCADE, related_name="answers")
    # Empty when the member left the scale unanswered (every answer is optional).
    rating = models.CharField(max_length=12, choices=RATING_CHOICES, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["question__position", "pk"]

    def __str__(self):
        return f"{self.question}: {self.rating_label}"

    @property
    def rating_label(self) -> str:
        """The answer on the question's scale, "Not answered", or "" for an own-words one."""
        if self.question.scale == OWN_WORDS:
            return ""
        return self.get_rating_display() if self.rating else self.NOT_ANSWERED


class PointResponse(models.Model):
    """The owner's answer to a point raised: you said, we did."""

    ACCEPTED, PARTLY, NOT_ACCEPTED = "accepted", "partly", "not_accepted"
    DECISION_CHOICES = [
        (ACCEPTED, "Accepted"),
        (PARTLY, "Partly accepted"),
        (NOT_ACCEPTED, "Not accepted"),
    ]

    # What it answers: a panel member's point, or an advisory group's (exactly one).
    answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="response"
    )
    point = models.OneToOneField(
        "engagement.ConsultationPoint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response",
    )
    decision = models.CharField(max_length=14, choices=DECISION_CHOICES)
    reason = models.TextField(blank=True)
    what_changed = models.TextField(blank=True)
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer__isnull=False, point__isnull=True)
                | models.Q(answer__isnull=True, point__isnull=False),
                name="response_answers_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.answer or self.point}"

    @classmethod
    def record(cls, *, by, decision, reason, what_changed, **target_and_extra):
        """Save the answer to one point, given as ``answer=`` (a panel member's) or ``point=``
        (an advisory group's), replacing any earlier answer to it."""
        target = {k: target_and_extra.pop(k) for k in ("answer", "point") if k in target_and_extra}
        response, _ = cls.objects.update_or_create(
            **target,
            defaults={
                "decision": decision,
                "reason": reason,
                "what_changed": what_changed,
                "responded_by": by,
                **target_and_extra,
            },
        )
        return response


class Involvement(models.Model):
    """Time a panel member gave: a review answered, a meeting, training. It is paid for."""

    REVIEW, MEETING, TRAINING, OTHER = "review", "meeting", "training", "other"
    KIND_CHOICES = [
        (REVIEW, "Review answered"),
        (MEETING, "Meeting"),
        (TRAINING, "Training"),
        (OTHER, "Other"),
    ]
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="involvement")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    on = models.DateField(default=timezone.localdate, validators=[dates.not_in_future])
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal(0), "Enter the hours given: 0 or more")],
    )
    note = models.CharField(max_length=200, blank=True)
    review_round = models.ForeignKey(
        ReviewRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on} ({self.member})"


class Payment(models.Model):
    """Money owed or paid to a member for their involvement: fees, vouchers, expenses."""

    FEE, VOUCHER, EXPENSES = "fee", "voucher", "expenses"
    KIND_CHOICES = [(FEE, "Payment"), (VOUCHER, "Voucher"), (EXPENSES, "Expenses")]
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="payments")
    involvement = models.ForeignKey(
        Involvement, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=FEE)
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), "Enter an amount of £0 or more")],
    )
    owed_on = models.DateField(default=timezone.localdate, validators=[dates.plausible])
    paid_on = models.DateField(null=True, blank=True, validators=[dates.not_in_future])

    class Meta:
        ordering = ["-owed_on", "-pk"]

    def __str__(self):
        return f"£{self.amount} {self.get_kind_display().lower()} for {self.member}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
