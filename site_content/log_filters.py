"""Logging that keeps one line per failure. When the database goes away for twenty seconds,
every request fails the same way: the first failure is logged with its traceback (and, when
ADMINS is set, emailed once), the same failure again within the window is one line saying
how often it has happened, and the email is not sent again.

Loaded by ``LOGGING`` in ``config/settings/base.py`` before the apps are ready, so this module
imports nothing from Django's models. Each process (each gunicorn worker) counts on its own.
"""

from __future__ import annotations

import copy
import logging
import threading
import time

from django.utils.log import AdminEmailHandler

# Past this many different failures the oldest ones are forgotten (memory stays bounded).
MAX_REMEMBERED = 500


def failure_key(record: logging.LogRecord) -> tuple:
    """What makes two records the same failure: the exception's type and message when there
    is one (a database outage fails every page the same way), else the logger and message
    template."""
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        return (type(exc).__module__, type(exc).__qualname__, str(exc).strip())
    return (record.name, record.levelno, str(record.msg))


class RepeatedFailureFilter(logging.Filter):
    """The first record of a failure passes whole. The same failure again within ``window``
    seconds passes marked as a repeat (``then="line"``: the formatter writes one line without
    the traceback) or not at all (``then="drop"``: for email). Records below ``level`` always
    pass untouched."""

    def __init__(self, window: float = 300, then: str = "line", level: int = logging.WARNING):
        super().__init__()
        if then not in ("line", "drop"):
            raise ValueError("then must be 'line' or 'drop'")
        self.window = float(window)
        self.then = then
        self.level = level
        self.clock = time.monotonic
        self._seen: dict[tuple, list] = {}  # key: [first seen, times since, wall clock]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.level:
            return True
        key = failure_key(record)
        now = self.clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is None or now - seen[0] >= self.window:
                self._forget_old(now)
                self._seen[key] = [now, 0, record.created]
                return True
            seen[1] += 1
            count, first = seen[1], seen[2]
        if self.then == "drop":
            return False
        # Read by RepeatAwareFormatter; another handler's formatter ignores it.
        record.repeat_count = count
        record.repeat_first = first
        return True

    def _forget_old(self, now: float) -> None:
        if len(self._seen) < MAX_REMEMBERED:
            return
        for key, seen in list(self._seen.items()):
            if now - seen[0] >= self.window:
                del self._seen[key]
        while len(self._seen) >= MAX_REMEMBERED:
            del self._seen[next(iter(self._seen))]


class RepeatAwareFormatter(logging.Formatter):
    """Writes a repeated failure as one line: its message, the exception's type and message,
    and how often it has happened since the traceback was written."""

    def format(self, record: logging.LogRecord) -> str:
        count = getattr(record, "repeat_count", 0)
        if not count:
            return super().format(record)
        plain = copy.copy(record)
        plain.exc_info = None
        plain.exc_text = None
        plain.stack_info = None
        line = super().format(plain)
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line += f" | {type(exc).__name__}: {' '.join(str(exc).split())}"
        first = time.strftime("%H:%M:%S", time.localtime(record.repeat_first))
        return f"{line} | the same failure again ({count} since {first}; traceback logged then)"


class FailureEmailHandler(AdminEmailHandler):
    """Emails ADMINS the failure and its traceback, never the request's data: the fields of a
    story or a registration form are personal data and do not belong in an email."""

    def emit(self, record: logging.LogRecord) -> None:
        bare = copy.copy(record)
        bare.request = None
        super().emit(bare)
