"""Recording audit events. Other apps call ``record``; sign-ins are recorded by signals."""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent

# The request being answered (AuditRequestMiddleware), so that a change recorded by a signal,
# far from any view (a role given on any screen), still says who made it and from where.
_answering: ContextVar = ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _answering.set(request)
        try:
            return self.get_response(request)
        finally:
            _answering.reset(token)


def client_ip(request) -> str | None:
    """The client's address, worked out as allauth's rate limits do (the trusted proxy count
    or header in settings; never a header the client could simply send)."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request) or None
    except Exception:  # an address we cannot read is recorded as unknown, not an error
        return request.META.get("REMOTE_ADDR") or None


def record(kind: str, *, request=None, user=None, label: str = "", detail: str = "") -> AuditEvent:
    """Record an event; without ``request``, the one being answered (none in a command)."""
    if request is None:
        request = _answering.get()
    actor = user if user is not None else getattr(request, "user", None)
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=label or (actor.email if actor else ""),
        ip_address=client_ip(request),
        detail=detail[:500],
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record(AuditEvent.SIGN_IN, request=request, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    tried = (
        credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    )
    record(AuditEvent.SIGN_IN_FAILED, request=request, label=str(tried)[:255])
