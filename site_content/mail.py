"""Email that survives a mail server being down. ``QueuedEmailBackend`` (the EMAIL_BACKEND)
saves each message in the same transaction as the record it is about; a background task
hands it to EMAIL_DELIVERY_BACKEND once that commits; failures are retried with back-off
(``send_queued_email`` runs what is due, from cron) and shown to staff in the admin."""

from __future__ import annotations

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

log = logging.getLogger(__name__)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait 1, 2, 4, 8 ... minutes between tries, at most six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def queue_email(to: str, subject: str, body: str, *, attachments=()) -> None:
    """The one way the platform sends an email. Call it inside the transaction that saves the
    record the email is about: the queue row is written in that same transaction, so a crash
    loses neither or both. ``attachments`` are ``(name, content, mimetype)`` tuples."""
    if to:
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
        log.exception("Could not queue email %s; send_queued_email will pick it up", email_id)


@task()
def deliver_email(email_id: int) -> str:
    return deliver(email_id)


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


def deliver(email_id: int) -> str:
    """Try to send one email; record the outcome. Never raises for a mail failure."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, status__in=[OutgoingEmail.QUEUED, OutgoingEmail.RETRYING])
            .first()
        )
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
        outcome = deliver(pk)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
