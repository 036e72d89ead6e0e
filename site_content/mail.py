"""Email that survives a mail server being down. ``queue_email`` saves the message in the
same transaction as the record it is about; a background task sends it once that commits;
failures are retried with back-off (``send_queued_email`` runs what is due, from cron) and
shown to staff in the admin."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

log = logging.getLogger(__name__)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait 1, 2, 4, 8 ... minutes between tries, at most six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def queue_email(to: str, subject: str, body: str) -> OutgoingEmail | None:
    """Save an email to send after the current transaction commits."""
    if not to:
        return None
    email = OutgoingEmail.objects.create(to=to, subject=subject[:255], body=body)
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    try:
        deliver_email.enqueue(email_id)
    except Exception:  # the queue being down must not fail the person's request
        log.exception("Could not queue email %s; send_queued_email will pick it up", email_id)


@task()
def deliver_email(email_id: int) -> str:
    return deliver(email_id)


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
            EmailMessage(email.subject, email.body, to=[email.to]).send()
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
