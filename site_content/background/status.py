"""What the admin shows of the task queue: how many tasks wait and for how long (a worker
that is down shows as an old waiting task), what is running, and what failed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import F, Min, Q
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


@dataclass(frozen=True)
class QueueState:
    waiting: int
    oldest_waiting_since: datetime.datetime | None
    running: int
    failed: int
    now: datetime.datetime
    stopped: int = 0  # marked running for longer than any task takes: the worker was stopped

    @property
    def oldest_age(self) -> datetime.timedelta | None:
        if self.oldest_waiting_since is None:
            return None
        return max(self.now - self.oldest_waiting_since, datetime.timedelta(0))

    @property
    def worker_seems_down(self) -> bool:
        age = self.oldest_age
        return age is not None and age.total_seconds() > settings.TASKS_WAITING_WARN_SECONDS


def queue_state(now: datetime.datetime | None = None) -> QueueState:
    """Tasks that could run now; a deferred task (a retry) has waited since its ``run_after``."""
    now = now or timezone.now()
    never = get_date_max()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    at_once = ready.filter(run_after=never).aggregate(n=Min("enqueued_at"))["n"]
    deferred = ready.exclude(run_after=never).filter(run_after__lte=now)
    since = [t for t in (at_once, deferred.aggregate(n=Min("run_after"))["n"]) if t]
    return QueueState(
        waiting=ready.filter(run_after=never).count() + deferred.count(),
        oldest_waiting_since=min(since) if since else None,
        running=DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        .exclude(HANDLED)
        .count(),
        failed=DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exclude(HANDLED).count(),
        now=now,
        stopped=stopped_rows(now).count(),
    )


def stopped_rows(now: datetime.datetime | None = None):
    """Tasks still marked running after TASK_STOPPED_SECONDS: a worker killed outright (the
    machine lost, SIGKILL) never finishes its task's row."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.TASK_STOPPED_SECONDS)
    return DBTaskResult.objects.filter(stopped_part_way(limit)).exclude(HANDLED)


# Rows that staff tried again or dismissed are marked, not deleted: a worker that is in fact
# still running a "stopped" task saves its result to the row when it finishes.
HANDLED = Q(return_value__handled_by_staff=True)


def stopped_part_way(limit: datetime.datetime) -> Q:
    return Q(status=TaskResultStatus.RUNNING, started_at__lt=limit)


def needs_staff(now: datetime.datetime | None = None):
    """The rows staff may try again or dismiss: failed after their last try, or stopped."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.TASK_STOPPED_SECONDS)
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.FAILED) | stopped_part_way(limit)
    ).exclude(HANDLED)


@dataclass(frozen=True)
class FailedTask:
    id: str
    stopped: bool  # still marked running: the worker was stopped mid-task
    name: str
    arguments: str
    finished_at: datetime.datetime | None
    tries: int
    error: str
    traceback: str


FAILED_PER_PAGE = 50


def failed_tasks(page_number=None, per_page: int = FAILED_PER_PAGE) -> Page:
    """One page of the tasks stopped mid-run, then the failures, newest first, each with its
    error (the traceback's last line). The page counts every one of them, as the queue does."""
    rows = needs_staff().order_by("-status", F("finished_at").desc(nulls_first=True), "pk")
    page = Paginator(rows, per_page).get_page(page_number)
    page.object_list = [_failed_task(row) for row in page.object_list]
    return page


def _failed_task(row) -> FailedTask:
    stopped = row.status == TaskResultStatus.RUNNING
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    error = lines[-1] if lines else row.exception_class_path
    if stopped:
        error = "Stopped part way: the worker running it was stopped or lost."
    args, kwargs = task_arguments(row)
    tries = (row.args_kwargs or {}).get("kwargs", {}).get("attempt", 1)
    shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return FailedTask(
        id=str(row.pk),
        stopped=stopped,
        name=row.task_path,
        arguments=", ".join(shown),
        finished_at=row.finished_at or row.started_at,
        tries=tries,
        error=error,
        traceback=row.traceback,
    )


def task_arguments(row) -> tuple[list, dict]:
    """What the task was called with, less the retry count that retrying_task adds."""
    args_kwargs = row.args_kwargs or {}
    kwargs = dict(args_kwargs.get("kwargs") or {})
    kwargs.pop("attempt", None)
    return list(args_kwargs.get("args") or []), kwargs


class TaskGone(Exception):
    """The task's code is not in this release (renamed or removed)."""


def try_again(task_id) -> bool:
    """Enqueue a failed or stopped task afresh (all its tries again) and take the old row off
    the list. False when there is no such row needing staff: someone handled it already (of
    two at once, exactly one enqueues it)."""
    row = needs_staff().filter(pk=task_id).first()
    if row is None:
        return False
    try:
        again = row.task
    except (ImportError, AttributeError) as exc:
        raise TaskGone(row.task_path) from exc
    with transaction.atomic():
        if not _mark_handled(row.pk, "tried again"):
            return False
        args, kwargs = task_arguments(row)
        again.enqueue(*args, **kwargs)
    return True


def dismiss(task_id) -> bool:
    """Take a failed or stopped task off the list without running it again."""
    return _mark_handled(task_id, "dismissed")


def _mark_handled(task_id, how: str) -> bool:
    """One conditional UPDATE: true for the one caller that marked the row."""
    return (
        needs_staff()
        .filter(pk=task_id)
        .update(
            return_value={"handled_by_staff": True, "how": how},
            finished_at=Coalesce("finished_at", Now()),
        )
        == 1
    )


def delete_old_results(now: datetime.datetime | None = None) -> int:
    """Finished tasks (and those staff handled) after TASK_RESULTS_KEEP_DAYS; failed ones after
    FAILED_TASK_RESULTS_KEEP_DAYS (long enough for staff to see them)."""
    now = now or timezone.now()
    done = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL) | HANDLED,
        finished_at__lt=now - datetime.timedelta(days=settings.TASK_RESULTS_KEEP_DAYS),
    ).delete()[0]
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=now - datetime.timedelta(days=settings.FAILED_TASK_RESULTS_KEEP_DAYS),
    ).delete()[0]
    return done + failed
