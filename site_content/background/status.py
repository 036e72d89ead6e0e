"""What the admin shows of the task queue: how many tasks wait and for how long (a worker
that is down shows as an old waiting task), what is running, and what failed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min
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
        running=DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        failed=DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(),
        now=now,
    )


@dataclass(frozen=True)
class FailedTask:
    name: str
    arguments: str
    finished_at: datetime.datetime | None
    tries: int
    error: str
    traceback: str


def failed_tasks(limit: int = 50) -> list[FailedTask]:
    """The latest failures, newest first, each with its error (the traceback's last line)."""
    rows = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
    failed = []
    for row in rows[:limit]:
        lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
        args_kwargs = row.args_kwargs or {}
        kwargs = dict(args_kwargs.get("kwargs") or {})
        tries = kwargs.pop("attempt", 1)
        shown = [repr(a) for a in args_kwargs.get("args") or []]
        shown += [f"{k}={v!r}" for k, v in kwargs.items()]
        failed.append(
            FailedTask(
                name=row.task_path,
                arguments=", ".join(shown),
                finished_at=row.finished_at,
                tries=tries,
                error=lines[-1] if lines else row.exception_class_path,
                traceback=row.traceback,
            )
        )
    return failed


def delete_old_results(now: datetime.datetime | None = None) -> int:
    """Finished tasks after TASK_RESULTS_KEEP_DAYS; failed ones after
    FAILED_TASK_RESULTS_KEEP_DAYS (long enough for staff to see them)."""
    now = now or timezone.now()
    done = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=now - datetime.timedelta(days=settings.TASK_RESULTS_KEEP_DAYS),
    ).delete()[0]
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=now - datetime.timedelta(days=settings.FAILED_TASK_RESULTS_KEEP_DAYS),
    ).delete()[0]
    return done + failed
