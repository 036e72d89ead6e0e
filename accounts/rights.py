"""People's rights over their data (UK GDPR): export everything held about a person, or erase
them. Each app contributes through a small registry, so accounts imports no other app.

A contributor is an object with ``export(email, user) -> dict`` and ``erase(email, user,
names) -> int`` (rows changed). ``names`` are strings to scrub from free text that records
the person (their full name and email). A contributor whose records belong to programmes
also answers ``programmes(email, user) -> set`` (programme ids), so that a programme admin
acts only on people wholly within the programmes they run; and one whose records may name an
address without its owner having shown it is theirs (an invitation not taken up, a story or
a booking anyone could have typed it into) answers ``named_in(email, user) -> set``. Such a
record never makes a person a programme's: it only keeps them out of other programmes'
reach.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal

from .models import AuditEvent
from .scrub import identifying, replace_names, scrub_names

_CONTRIBUTORS: dict[str, object] = {}

# Sent once a person has been erased (inside the erasure's transaction), for what must follow
# from text changed by updates no model signal sees: a built guide is rebuilt, for one.
person_erased = Signal()


def register_contributor(name: str, contributor) -> None:
    _CONTRIBUTORS[name] = contributor


def _user(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def programmes_of_person(email: str, *, proven_only: bool = False) -> set:
    """The ids of every programme in which the person has a role, a place or a record; with
    ``proven_only``, leaving out records that only name their address (``named_in``)."""
    user = _user(email)
    found: set = set()
    for _name, contributor in sorted(_CONTRIBUTORS.items()):
        if hasattr(contributor, "programmes"):
            found |= set(contributor.programmes(email, user))
        if not proven_only and hasattr(contributor, "named_in"):
            found |= set(contributor.named_in(email, user))
    return found


def export_person(email: str) -> str:
    """Everything the platform holds about the person with this email, as readable JSON."""
    user = _user(email)
    data = {"email": email}
    if user:
        data["account"] = {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": user.date_joined.isoformat(),
            "last_sign_in": user.last_login.isoformat() if user.last_login else None,
        }
    for name, contributor in sorted(_CONTRIBUTORS.items()):
        # Each app's part under its own name; none may overwrite the person's own fields.
        data.setdefault(name, contributor.export(email, user))
    data["audit_log"] = [
        {
            "when": e.at.isoformat(),
            "what": e.get_kind_display(),
            "detail": e.detail,
            "network_address": e.ip_address,
        }
        for e in AuditEvent.objects.filter(actor=user)
        if user
    ]
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


@transaction.atomic
def erase_person(email: str) -> int:
    """Remove or irreversibly anonymise the person everywhere. Returns rows changed."""
    from allauth.account.models import EmailAddress

    user = _user(email)
    # Their email, and their full name if it has two words or more (see scrub.identifying).
    names = identifying([email, user.get_full_name() if user else ""])
    changed = 0
    for _name, contributor in sorted(_CONTRIBUTORS.items()):
        changed += contributor.erase(email, user, names)
    # The audit log keeps that something happened, not who it was.
    for event in AuditEvent.objects.all().only("pk", "actor_label", "detail"):
        label = replace_names(event.actor_label, names, "an erased person")
        detail = replace_names(event.detail, names, "an erased person")
        if (label, detail) != (event.actor_label, event.detail):
            AuditEvent.objects.filter(pk=event.pk).update(actor_label=label, detail=detail)
            changed += 1
    # Whatever else still names them, in any text field of any model (other people's entries,
    # actions, notes, page revisions, log entries, the search index).
    changed += scrub_names(names)
    if user:
        EmailAddress.objects.filter(user=user).delete()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        changed += 1
    person_erased.send(sender=erase_person)
    return changed


def delete_old_audit_events(cutoff):
    return ("audit log entries deleted", AuditEvent.objects.filter(at__lt=cutoff).delete()[0])
