"""Working groups across localities, and invitations that bring people into a team or group.

A group (task-and-finish, steering group, network) has a remit, members from several
localities (or none), a start and an end, and its own private space: notes with files, and a
closing report. An invitation carries someone, by email, straight into a locality's team or a
group with a role; only a digest of its link is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import os

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.names import WrittenInLetters
from site_content import dates

from .pages import LocalityPage, ProgrammePage
from .workspace import LocalityMembership, private_storage


class WorkingGroup(models.Model):
    TASK_AND_FINISH = "task_and_finish"
    STEERING = "steering"
    NETWORK = "network"
    KIND_CHOICES = [
        (TASK_AND_FINISH, "Task-and-finish group"),
        (STEERING, "Steering group"),
        (NETWORK, "Network"),
    ]
    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=TASK_AND_FINISH)
    remit = models.TextField(help_text="What the group is for and what it will hand back.")
    starts_on = models.DateField(
        "start date", default=timezone.localdate, validators=[dates.plausible]
    )
    ends_on = models.DateField(
        "end date",
        null=True,
        blank=True,
        help_text="Leave empty if it has no end date yet.",
        validators=[dates.plausible],
    )
    closing_report = models.TextField(
        blank=True, help_text="What the group did, found and recommends. Written when it closes."
    )
    closed_on = models.DateField(null=True, blank=True, validators=[dates.plausible])
    report_is_learning = models.BooleanField(
        "the closing report is learning for the guide", default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["closed_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="one_group_name_per_programme"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class GroupMembership(models.Model):
    """A person's place in a working group, and the locality they bring (if any)."""

    CONVENER = "convener"
    MEMBER = "member"
    ROLE_CHOICES = [(CONVENER, "Convener"), (MEMBER, "Member")]
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_places"
    )
    role = models.CharField(max_length=12, choices=ROLE_CHOICES, default=MEMBER)
    locality = models.ForeignKey(
        LocalityPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The locality they come from. Leave empty for people with no locality.",
    )
    joined = models.DateField(default=timezone.localdate, validators=[dates.plausible])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_place_per_group")
        ]
        ordering = ["role", "user__first_name", "user__last_name"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.group})"

    @property
    def is_convener(self) -> bool:
        return self.role == self.CONVENER


def group_file_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()
    return f"groups/{instance.group_id}/{os.urandom(16).hex()}{ext}"


class GroupNote(models.Model):
    """One entry in a group's log: a meeting, a decision, a finding; a file if it has one."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_on = models.DateField(
        "date", default=timezone.localdate, validators=[dates.not_in_future]
    )
    text = models.TextField("what happened")
    file = models.FileField(
        upload_to=group_file_path, storage=private_storage, max_length=255, blank=True
    )
    original_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at"]

    def __str__(self):
        return f"{self.group}: {self.text[:60]}"


class Invitation(models.Model):
    """An invitation, by email, into a locality's team or a working group, with a role."""

    DEFAULT_DAYS = 14
    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    first_name = models.CharField(
        max_length=150, blank=True, validators=[WrittenInLetters("their first name")]
    )
    last_name = models.CharField(
        max_length=150, blank=True, validators=[WrittenInLetters("their last name")]
    )
    locality = models.ForeignKey(
        LocalityPage, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=30)
    is_lead = models.BooleanField(default=False)
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email", "accepted_at", "withdrawn_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(locality__isnull=False) | models.Q(group__isnull=False),
                name="invitation_has_a_place",
            )
        ]

    def __str__(self):
        return f"{self.email} to {self.place}"

    @property
    def place(self):
        return self.group or self.locality

    @property
    def role_label(self) -> str:
        choices = dict(
            GroupMembership.ROLE_CHOICES if self.group_id else LocalityMembership.ROLE_CHOICES
        )
        label = choices.get(self.role, self.role)
        return f"{label} (locality lead)" if self.is_lead else label

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= now:
            return "expired"
        return "pending"

    @property
    def is_pending(self) -> bool:
        return self.state() == "pending"

    @staticmethod
    def token_digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def expiry(days: int | None = None, now=None) -> datetime.datetime:
        return (now or timezone.now()) + datetime.timedelta(days=days or Invitation.DEFAULT_DAYS)
