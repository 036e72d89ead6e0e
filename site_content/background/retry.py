"""A task that retries itself: when it fails, it enqueues its next try with ``run_after``
(1, 2, 4 ... minutes later) until its last try, whose failure stays recorded for staff."""

from __future__ import annotations

import datetime
import functools
import logging

from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait 1, 2, 4, 8 ... minutes after the given number of tries, at most six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def may_defer(a_task) -> bool:
    """Whether the task's backend can hold a task until later (the in-process backend the
    tests use cannot; a periodic sweep catches up there instead)."""
    return a_task.get_backend().supports_defer


def enqueue_later(a_task, when: datetime.datetime, *args, **kwargs):
    return a_task.using(run_after=when).enqueue(*args, **kwargs)


def retrying_task(*, max_attempts: int = 3, **task_options):
    """Like ``@task()``, but a failure before the last of ``max_attempts`` tries enqueues the
    next try after a back-off and finishes quietly; the last failure is the task's own."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                if attempt >= max_attempts or not may_defer(the_task):
                    raise
                when = timezone.now() + backoff(attempt)
                enqueue_later(the_task, when, *args, attempt=attempt + 1, **kwargs)
                log.warning(
                    "%s failed (try %s of %s: %s: %s); trying again at %s",
                    func.__name__, attempt, max_attempts, type(exc).__name__, exc,
                    when.isoformat(timespec="seconds"),
                )  # fmt: skip
                return {"retrying": attempt + 1, "error": f"{type(exc).__name__}: {exc}"[:500]}

        the_task = task(**task_options)(run)
        return the_task

    return decorate
