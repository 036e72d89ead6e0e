"""Periodic tasks: each app registers its own (in ``ready()``); the worker host calls
``enqueue_due`` every few seconds (``manage.py run_worker``) or once (``run_periodic``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import PeriodicRun


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object
    every: datetime.timedelta
    what: str


_PERIODIC: dict[str, Periodic] = {}


def register_periodic(a_task, *, every: datetime.timedelta, what: str) -> None:
    """Enqueue ``a_task`` (taking no arguments) every ``every``, first when the worker starts."""
    name = a_task.module_path
    _PERIODIC[name] = Periodic(name, a_task, every, what)


def registered() -> list[Periodic]:
    return sorted(_PERIODIC.values(), key=lambda p: p.name)


def enqueue_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due, and return their names. Each run is claimed
    with one conditional UPDATE in the transaction that enqueues it, so however many hosts
    call this, a run is enqueued once; if the enqueue fails, the claim is undone."""
    now = now or timezone.now()
    enqueued = []
    for periodic in registered():
        PeriodicRun.objects.get_or_create(name=periodic.name, defaults={"next_due_at": now})
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(name=periodic.name, next_due_at__lte=now).update(
                next_due_at=now + periodic.every, last_enqueued_at=now
            )
            if claimed:
                periodic.task.enqueue()
                enqueued.append(periodic.name)
    return enqueued
