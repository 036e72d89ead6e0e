"""State changes in a workspace. Each runs in one transaction; views call these and nothing else."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from engagement.models import (
    Action,
    DevelopmentPlan,
    EntryAttachment,
    EntryRevision,
    LocalityPage,
    MilestoneReport,
    Priority,
    ProgressEntry,
    WorkingGroup,
)

ENTRY_FIELDS = [
    "entry_date",
    "phase_id",
    "what_we_did",
    "what_we_learned",
    "next_steps",
    "is_learning",
    "status",
]


class StaleEdit(Exception):
    """Someone else saved the record after this person opened it."""


def _snapshot(entry: ProgressEntry) -> dict:
    data = {}
    for name in ENTRY_FIELDS:
        value = getattr(entry, name)
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    data["tags"] = sorted(entry.tags.values_list("slug", flat=True))
    data["attachments"] = sorted(entry.attachments.values_list("original_name", flat=True))
    return data


@transaction.atomic
def save_entry(
    *,
    locality: LocalityPage,
    editor,
    data: dict,
    tags,
    files=(),
    submit: bool,
    entry: ProgressEntry | None = None,
    expected_version: int | None = None,
) -> ProgressEntry:
    """Create or update a progress entry as a draft or submitted, keeping a revision.

    ``expected_version`` is the version the editor started from; if someone saved since, raise
    StaleEdit and change nothing.
    """
    if entry is None:
        entry = ProgressEntry(locality=locality, author=editor, version=0)
        before = {}
    else:
        # Lock the row so two saves cannot both pass the version check.
        entry = ProgressEntry.objects.select_for_update().get(pk=entry.pk)
        if expected_version is not None and entry.version != expected_version:
            raise StaleEdit
        before = _snapshot(entry)
    for name, value in data.items():
        setattr(entry, name, value)
    if submit and entry.status == ProgressEntry.DRAFT:
        entry.status = ProgressEntry.SUBMITTED
        entry.submitted_at = timezone.now()
    entry.version += 1
    entry.save()
    entry.tags.set(tags)
    for upload in files:
        EntryAttachment.objects.create(
            entry=entry,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            uploaded_by=editor,
        )
    after = _snapshot(entry)
    changed = sorted(k for k in after if before.get(k) != after[k])
    EntryRevision.objects.create(
        entry=entry, editor=editor, version=entry.version, changed_fields=changed, snapshot=after
    )
    return entry


@transaction.atomic
def update_plan(
    *, locality: LocalityPage, editor, priorities: str, proposals: str, expected_version: int
) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(locality=locality)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.version != expected_version:
        raise StaleEdit
    plan.priorities = priorities
    plan.proposals = proposals
    plan.updated_by = editor
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    priorities_from_text(locality=locality, text=priorities)
    return plan


# What other domains do when an action is done, registered by them (see ``when_action_done``).
_WHEN_DONE: list[Callable[[Action], None]] = []


@transaction.atomic
def save_priority(*, locality: LocalityPage, data: dict, milestones, priority=None) -> Priority:
    """Add a priority to the locality's plan, or change one (a new one goes last)."""
    if priority is None:
        last = Priority.objects.filter(locality=locality).order_by("-position").first()
        priority = Priority(locality=locality, position=(last.position + 1) if last else 0)
    for name, value in data.items():
        setattr(priority, name, value)
    priority.save()
    priority.milestones.set(milestones)
    return priority


def delete_priority(*, priority: Priority) -> None:
    """Its actions stay, no longer linked to it."""
    priority.delete()


def priorities_from_text(*, locality: LocalityPage, text: str) -> None:
    """A plan's priorities, written one per line, as records: each new line becomes one
    (saving the plan, and the demo)."""
    for line in (line.strip() for line in text.splitlines()):
        if line and not Priority.objects.filter(locality=locality, title=line[:200]).exists():
            save_priority(locality=locality, data={"title": line[:200]}, milestones=[])


def when_action_done(handler: Callable[[Action], None]) -> None:
    """Run ``handler(action)`` in the same transaction whenever an action becomes done.
    Domains that care (stories tell their storytellers) register here in ``ready()``."""
    if handler not in _WHEN_DONE:
        _WHEN_DONE.append(handler)


def _apply_status(action: Action, status: str) -> bool:
    """Set the status; True when the action has just become done."""
    done_now = status == Action.DONE and action.status != Action.DONE
    if done_now:
        action.completed_at = timezone.now()
    elif status != Action.DONE:
        action.completed_at = None
    action.status = status
    return done_now


def _saved(action: Action, done_now: bool) -> Action:
    if done_now:
        for handler in _WHEN_DONE:
            handler(action)
    return action


@transaction.atomic
def create_action(
    *,
    locality: LocalityPage | None = None,
    group: WorkingGroup | None = None,
    creator,
    data: dict,
    source=None,
) -> Action:
    """Create an action on one list: a locality's workspace or a working group's space.
    ``source`` is any record it came from (generic link)."""
    if (locality is None) == (group is None):
        raise ValueError("An action goes on one list: a locality's or a group's.")
    status = data.pop("status", Action.OPEN)
    action = Action(locality=locality, group=group, created_by=creator, **data)
    if source is not None:
        action.source = source
    done_now = _apply_status(action, status)
    action.save()
    return _saved(action, done_now)


@transaction.atomic
def update_action(*, action: Action, data: dict, expected_version: int | None = None) -> Action:
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit
    status = data.pop("status", locked.status)
    for name, value in data.items():
        setattr(locked, name, value)
    done_now = _apply_status(locked, status)
    locked.version += 1
    locked.save()
    return _saved(locked, done_now)


def set_action_status(*, action: Action, status: str) -> Action:
    return update_action(action=action, data={"status": status})


@transaction.atomic
def report_milestone(
    *, locality: LocalityPage, milestone, value, reported_on, note: str, reporter
) -> MilestoneReport:
    report = MilestoneReport(
        locality=locality,
        milestone=milestone,
        value=value,
        reported_on=reported_on,
        note=note,
        reported_by=reporter,
    )
    report.full_clean()  # a figure no milestone can have is never stored, by any caller
    report.save()
    return report


@transaction.atomic
def correct_milestone_report(
    *, report: MilestoneReport, value, reported_on, note: str, by
) -> MilestoneReport:
    """Put a recorded figure right. The figure first given is kept (``MilestoneReport.save``)
    and the page says who corrected it."""
    report = MilestoneReport.objects.select_for_update().get(pk=report.pk)
    if (report.value, report.reported_on, report.note) == (value, reported_on, note):
        return report  # saved unchanged: not a correction, and nobody's name on it
    report.value, report.reported_on, report.note = value, reported_on, note
    report.corrected_by = by
    report.full_clean()
    report.save()
    return report
