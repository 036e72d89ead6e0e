"""Records that belong to a locality's private workspace: team, plan, progress, actions."""

import os

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator, slugify

from site_content import dates

from .pages import LocalityPage, Milestone, ProgrammePage, ProgrammePhase


class ProgrammeRole(models.Model):
    """A person's role across a whole programme (not tied to one locality)."""

    ADMIN = "admin"
    TEAM = "team"
    EXPERT = "expert"
    BOARD = "board"
    EVALUATOR = "evaluator"
    ROLE_CHOICES = [
        (ADMIN, "Programme admin"),
        (TEAM, "Programme team"),
        (EXPERT, "Expert by experience"),
        (BOARD, "Board member"),
        (EVALUATOR, "Evaluator: reads every locality's plans, logs, figures and the dashboard"),
    ]
    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_role_per_programme")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.programme})"


class LocalityMembership(models.Model):
    """A person in a locality's team, with the part they play in it."""

    ROLE_CHOICES = [
        ("commissioner", "Commissioner"),
        ("provider", "Provider"),
        ("person_using_services", "Person who uses services"),
        ("carer", "Carer"),
        ("facilitator", "Facilitator"),
        ("other", "Other"),
    ]
    locality = models.ForeignKey(LocalityPage, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    is_lead = models.BooleanField("locality lead", default=False)
    joined = models.DateField(default=timezone.localdate, validators=[dates.plausible])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locality", "user"], name="one_membership_per_locality")
        ]
        ordering = ["-is_lead", "user__first_name", "user__last_name"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.locality})"


class DevelopmentPlan(models.Model):
    """The locality's local development plan: its priorities and proposals."""

    locality = models.OneToOneField(
        LocalityPage, on_delete=models.CASCADE, related_name="development_plan"
    )
    priorities = models.TextField(blank=True)
    proposals = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Development plan for {self.locality}"


class Priority(models.Model):
    """A priority of the locality's development plan, as a record: the milestones whose
    figures show progress on it, and (through Action.priority) the actions that serve it."""

    locality = models.ForeignKey(LocalityPage, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return self.title


class Tag(models.Model):
    """A vocabulary for tagging learning: the usual three lists (seeded by a data migration),
    or a programme's own tags (``OWN``, made from ProgrammePage.progress_tags when used)."""

    SDS_STEP = "sds_step"
    PCT_TOOL = "pct_tool"
    WHO = "who"
    OWN = "own"
    GROUP_CHOICES = [
        (SDS_STEP, "Steps of self-directed support"),
        (PCT_TOOL, "Person-centred thinking tools"),
        (WHO, "Who it is about"),
        (OWN, "The programme's own tags"),
    ]
    group = models.CharField(max_length=20, choices=GROUP_CHOICES)
    programme = models.ForeignKey(
        ProgrammePage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tag_vocabulary",
    )
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "position"]

    def __str__(self):
        return self.name

    @classmethod
    def own(cls, programme, name: str) -> "Tag":
        """The programme's own tag called ``name``, made the first time it is used."""
        found = cls.objects.filter(group=cls.OWN, programme=programme, name=name).first()
        if found:
            return found
        base = slugify(f"p{programme.pk} {name}")[:72] or f"p{programme.pk}-tag"
        slug, n = base, 1
        while cls.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return cls.objects.create(group=cls.OWN, programme=programme, name=name, slug=slug)


class ProgressEntry(models.Model):
    """One entry in a locality's progress log: what was done, learned and comes next."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    STATUS_CHOICES = [(DRAFT, "Draft"), (SUBMITTED, "Submitted")]

    locality = models.ForeignKey(
        LocalityPage, on_delete=models.CASCADE, related_name="progress_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_entries"
    )
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=DRAFT)
    entry_date = models.DateField("date", null=True, blank=True, validators=[dates.not_in_future])
    phase = models.ForeignKey(
        ProgrammePhase, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    what_we_did = models.TextField(blank=True)
    what_we_learned = models.TextField(blank=True)
    next_steps = models.TextField("what we will do next", blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries")
    is_learning = models.BooleanField("this is learning for the guide", default=False)
    # The learning's words as an editor last published them in a guide chapter: the guide
    # shows only these, so words edited since wait for the chapter to be published again.
    learning_published = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-entry_date", "-created_at"]
        verbose_name_plural = "progress entries"
        indexes = [
            models.Index(fields=["locality", "status", "-entry_date"]),
            models.Index(fields=["locality", "submitted_at"]),
        ]

    def __str__(self):
        label = Truncator(self.what_we_did.strip().split("\n")[0]).chars(60) or "Untitled entry"
        return f"{label} ({self.get_status_display().lower()})"

    @property
    def phase_label(self) -> str:
        """The phase's name; "Set-up" for submitted work from before the first phase."""
        if self.phase_id:
            return self.phase.name
        return "Set-up" if self.status != self.DRAFT and self.entry_date else ""

    @property
    def is_draft(self) -> bool:
        return self.status == self.DRAFT


class EntryRevision(models.Model):
    """A saved state of a progress entry: who changed it, when, and to what."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField()
    changed_fields = models.JSONField(default=list)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"Version {self.version} of entry {self.entry_id}"

    FIELD_LABELS = {
        "entry_date": "date",
        "phase_id": "phase",
        "what_we_did": "what we did",
        "what_we_learned": "what we learned",
        "next_steps": "what we will do next",
        "is_learning": "learning for the guide",
        "status": "status",
        "tags": "tags",
        "attachments": "attachments",
    }

    @property
    def changed_labels(self) -> list[str]:
        return [self.FIELD_LABELS.get(name, name) for name in self.changed_fields]


def attachment_path(instance, filename):
    # A random name so paths cannot be guessed; the original name is kept in the row.
    ext = os.path.splitext(filename)[1].lower()
    return f"attachments/{instance.entry.locality_id}/{os.urandom(16).hex()}{ext}"


def private_storage():
    return storages["private"]


class EntryAttachment(models.Model):
    """A file attached to a progress entry. Served only through a permission check."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name


class Action(models.Model):
    """Something someone will do, with where it came from (any record, through a generic link).

    It sits on one list: a locality's, or a working group's (exactly one of the two)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    STATUS_CHOICES = [
        (OPEN, "Open"),
        (IN_PROGRESS, "In progress"),
        (DONE, "Done"),
        (DROPPED, "Dropped"),
    ]
    ACTIVE = (OPEN, IN_PROGRESS)

    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    group = models.ForeignKey(
        "engagement.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        help_text="Set instead of a locality when the action is a working group's.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
    )
    due_date = models.DateField(null=True, blank=True, validators=[dates.plausible])
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=OPEN)
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name="the priority it serves",
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_note = models.CharField(
        "where it came from",
        max_length=200,
        blank=True,
        help_text="For example: a meeting, a conversation or a phone call.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the storytellers behind an action from an inquiry were told it was done: they are
    # told once, however often the action is reopened and done again.
    storytellers_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["locality", "status", "due_date"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(locality__isnull=False, group__isnull=True)
                | models.Q(locality__isnull=True, group__isnull=False),
                name="action_on_one_list",
                violation_error_message="An action goes on one list: a locality's or a group's.",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.locality_id is None and self.group_id is None:
            # Not tied to a field: a group's form has no locality to point at.
            raise ValidationError("Choose the locality whose list this goes on.")

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_active and self.due_date is not None and self.due_date < today
