"""Retention rules: each kind of personal data is kept only as long as settings allow.

Apps register a rule ``rule(cutoff) -> (label, count)``, or a list of such pairs, under a key
of RETENTION_DAYS; ``cutoff`` is now less that many days."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

_RULES: dict[str, object] = {}


def register_retention_rule(key: str, rule) -> None:
    _RULES[key] = rule


@transaction.atomic
def apply_retention() -> list[tuple[str, int]]:
    # Rules that also ask "has this event ended?" read the same clock (timezone.now()).
    now = timezone.now()
    report = []
    for key, rule in sorted(_RULES.items()):
        days = settings.RETENTION_DAYS[key]
        done = rule(now - datetime.timedelta(days=days))
        report.extend(done if isinstance(done, list) else [done])
    return report
