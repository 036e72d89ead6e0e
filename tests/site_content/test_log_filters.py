"""One line per failure: a database outage that fails every request logs one traceback, then a
line for each repeat, and emails the operator once."""

import io
import logging
import sys

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import RequestFactory

from site_content.log_filters import (
    FailureEmailHandler,
    RepeatAwareFormatter,
    RepeatedFailureFilter,
)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def record(exc=None, msg="Internal Server Error: %s", args=("/a/",), level=logging.ERROR):
    exc_info = None
    if exc is not None:
        try:
            raise exc
        except type(exc):
            exc_info = sys.exc_info()
    return logging.LogRecord("django.request", level, __file__, 1, msg, args, exc_info)


def console(window=300):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    clock = Clock()
    repeat = RepeatedFailureFilter(window=window, then="line")
    repeat.clock = clock
    handler.addFilter(repeat)
    handler.setFormatter(RepeatAwareFormatter("%(levelname)s %(name)s: %(message)s"))
    return handler, stream, clock


def outage():
    return OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def test_a_repeated_failure_is_one_line_after_the_first_traceback():
    handler, stream, clock = console()
    for i in range(228):
        clock.now += 20 / 228
        handler.handle(record(outage(), args=(f"/page-{i}/",)))
    lines = stream.getvalue().splitlines()
    assert stream.getvalue().count("Traceback (most recent call last)") == 1
    repeats = [line for line in lines if "the same failure again" in line]
    assert len(repeats) == 227
    assert "OperationalError: connection to server" in repeats[-1]
    assert "(227 since " in repeats[-1]
    assert "/page-227/" in repeats[-1]
    # The first traceback plus one line per repeat, nothing else.
    assert len(lines) == len(lines[: lines.index(repeats[0])]) + 227


def test_a_different_failure_gets_its_own_traceback():
    handler, stream, clock = console()
    handler.handle(record(outage()))
    handler.handle(record(ValueError("bad date")))
    handler.handle(record(outage()))
    assert stream.getvalue().count("Traceback (most recent call last)") == 2
    assert stream.getvalue().count("the same failure again") == 1


def test_after_the_window_the_traceback_is_written_again():
    handler, stream, clock = console(window=60)
    handler.handle(record(outage()))
    clock.now += 61
    handler.handle(record(outage()))
    assert stream.getvalue().count("Traceback (most recent call last)") == 2


def test_messages_without_exceptions_repeat_by_template_and_info_passes():
    handler, stream, clock = console()
    handler.handle(record(msg="Disk %s nearly full", args=("sda",), level=logging.WARNING))
    handler.handle(record(msg="Disk %s nearly full", args=("sdb",), level=logging.WARNING))
    handler.handle(record(msg="started", args=(), level=logging.INFO))
    handler.handle(record(msg="started", args=(), level=logging.INFO))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "WARNING django.request: Disk sda nearly full"
    assert lines[1].startswith("WARNING django.request: Disk sdb nearly full | the same failure")
    assert lines[2:] == ["INFO django.request: started", "INFO django.request: started"]


def test_memory_stays_bounded():
    repeat = RepeatedFailureFilter(window=300)
    for i in range(2000):
        repeat.filter(record(ValueError(f"failure {i}")))
    assert len(repeat._seen) <= 500


@pytest.mark.django_db
def test_the_operator_is_emailed_once_without_the_request_data(settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    handler = FailureEmailHandler(email_backend="django.core.mail.backends.locmem.EmailBackend")
    repeat = RepeatedFailureFilter(window=300, then="drop")
    handler.addFilter(repeat)
    request = RequestFactory().post("/stories/1/tell/", {"story": "My mother's diagnosis"})
    for _ in range(50):
        failure = record(outage())
        failure.request = request
        handler.handle(failure)
        # The record itself is untouched for the other handlers.
        assert failure.request is request
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ops@example.org"]
    assert "OperationalError" in message.body
    assert "diagnosis" not in message.body


def test_errors_go_to_the_console_and_to_admins_through_the_mail_server():
    from django.conf import settings

    handlers = settings.LOGGING["root"]["handlers"]
    assert handlers == ["console", "mail_admins"]
    mail_admins = settings.LOGGING["handlers"]["mail_admins"]
    assert "require_debug_false" in mail_admins["filters"]
    assert "repeat_not_emailed" in mail_admins["filters"]
    # Django's own "django" handlers (an email for every error) are replaced.
    assert settings.LOGGING["loggers"]["django"]["handlers"] == []
    assert any(isinstance(f, RepeatedFailureFilter) for h in _root_handlers() for f in h.filters)


def _root_handlers():
    return logging.getLogger().handlers
