"""Email that survives a mail server being down. ``QueuedEmailBackend`` (the EMAIL_BACKEND)
saves each message in the same transaction as the record it is about; a background task
hands it to EMAIL_DELIVERY_BACKEND once that commits (on the worker); a failed send enqueues
its next try with back-off, the last failure is shown to staff in the admin ("Outgoing email",
and "Background tasks"), and a periodic sweep (``send_due``) picks up anything left behind."""

from __future__ import annotations

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .background.retry import backoff, enqueue_later, may_defer
from .models import OutgoingEmail

log = logging.getLogger(__name__)


def queue_email(to: str, subject: str, body: str, *, attachments=()) -> None:
    """The one way the platform sends an email. Call it inside the transaction that saves the
    record the email is about: the queue row is written in that same transaction, so a crash
    loses neither or both. ``attachments`` are ``(name, content, mimetype)`` tuples."""
    if to:
        # A subject is one line: a line break typed into one (or sent by a hand-made form)
        # would be refused by the mail library at every retry, and the email never sent.
        subject = " ".join(str(subject).split())
        message = EmailMessage(subject, body, to=[to])
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        message.send()


def _attachment(item) -> dict:
    name, content, mimetype = (
        item
        if isinstance(item, tuple)
        else (
            item.get_filename(),
            item.get_payload(decode=True),
            item.get_content_type(),
        )
    )
    if isinstance(content, str):
        return {"name": name, "mimetype": mimetype or "text/plain", "text": content}
    return {
        "name": name,
        "mimetype": mimetype or "application/octet-stream",
        "base64": base64.b64encode(content).decode(),
    }


class QueuedEmailBackend(BaseEmailBackend):
    """Saves messages to the outgoing queue instead of sending them."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            html = next(
                (c for c, kind in getattr(message, "alternatives", []) if kind == "text/html"),
                "",
            )
            email = OutgoingEmail.objects.create(
                to=", ".join(recipients)[:1000],
                subject=str(message.subject)[:255],
                body=message.body,
                html=html,
                attachments=[_attachment(a) for a in message.attachments],
                from_email=message.from_email or "",
            )
            transaction.on_commit(lambda pk=email.pk: _enqueue(pk))
            count += 1
        return count


def _enqueue(email_id: int) -> None:
    try:
        deliver_email.enqueue(email_id)
    except Exception:  # the queue being down must not fail the person's request
        log.exception("Could not queue email %s; the periodic sweep will pick it up", email_id)


class EmailNotSent(Exception):
    """The last try of an email failed: the task fails, so staff see it."""


@task()
def deliver_email(email_id: int) -> str:
    """One try; a failure before the last enqueues the next try when it is due."""
    outcome = deliver(email_id, due_by=timezone.now())
    if outcome == OutgoingEmail.RETRYING and may_defer(deliver_email):
        when = OutgoingEmail.objects.values_list("next_attempt_at", flat=True).get(pk=email_id)
        enqueue_later(deliver_email, when, email_id)
    elif outcome == OutgoingEmail.FAILED:
        email = OutgoingEmail.objects.get(pk=email_id)
        raise EmailNotSent(
            f"Email {email_id} not sent after {email.attempts} tries: {email.last_error}"
        )
    return outcome


def _message(email: OutgoingEmail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        from_email=email.from_email or None,
        to=[a.strip() for a in email.to.split(",") if a.strip()],
        connection=connection,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for item in email.attachments:
        content = item["text"] if "text" in item else base64.b64decode(item["base64"])
        message.attach(item["name"], content, item["mimetype"])
    return message


def deliver(email_id: int, *, due_by: datetime.datetime | None = None) -> str:
    """Try to send one email; record the outcome. Never raises for a mail failure. With
    ``due_by``, a retry not yet due by then is left alone (the sweep and a retry's own task
    may both reach it)."""
    with transaction.atomic():
        waiting = OutgoingEmail.objects.select_for_update().filter(
            pk=email_id, status__in=[OutgoingEmail.QUEUED, OutgoingEmail.RETRYING]
        )
        if due_by is not None:
            waiting = waiting.filter(
                Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=due_by)
            )
        email = waiting.first()
        if email is None:
            return "nothing to do"
        email.attempts += 1
        try:
            connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
            _message(email, connection).send()
        except Exception as exc:  # any transport failure is retried, not shown to the sender
            email.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                email.status, email.next_attempt_at = OutgoingEmail.FAILED, None
            else:
                email.status = OutgoingEmail.RETRYING
                email.next_attempt_at = timezone.now() + backoff(email.attempts)
        else:
            email.status, email.sent_at, email.next_attempt_at = (
                OutgoingEmail.SENT,
                timezone.now(),
                None,
            )
        email.save()
        return email.status


def send_due(now=None) -> dict[str, int]:
    """Send every email that is waiting or due a retry. Returns counts by outcome."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.QUEUED, created_at__lte=now) | (
        OutgoingEmail.objects.filter(status=OutgoingEmail.RETRYING, next_attempt_at__lte=now)
    )
    counts: dict[str, int] = {}
    for pk in list(due.values_list("pk", flat=True)[:500]):
        outcome = deliver(pk, due_by=now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
