"""Forms that create something do it once, however many times they are sent: a double click, a
resend after a slow answer, or the same page sent from three tabs.

The form carries a fresh key (``{% once_field %}``). ``once_only`` claims the key in the same
transaction as whatever the view saves, so the claim and the record stand or fall together; a
second send of a claimed key with the same content saves nothing and goes where the first went.
The same key with different content is a send of its own, claimed the same way (someone went
Back after saving and wrote something else: that is never thrown away). A form the view
refuses (an error, a 4xx) gives its key back, so the corrected form can be sent."""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from .models import SentForm

FIELD = "once"
KEPT = datetime.timedelta(days=2)
RESENT_WITHIN = datetime.timedelta(minutes=30)
_KEY = re.compile(r"[0-9a-f]{32}")


def new_key() -> str:
    return uuid.uuid4().hex


def once_only(view=None, *, new_each_time: bool = False):
    """``new_each_time``: the form makes a new record on each send (a story, a log entry), so
    the same words sent again to the same page from the same browser (and account, if signed
    in) within ``RESENT_WITHIN`` are a resend
    even under a new key: a browser's Back fetches the form afresh (a new key) and fills in
    what was typed. Not for a form that edits a record, where A, then B, then A again is
    three real changes."""
    if view is None:
        return functools.partial(once_only, new_each_time=new_each_time)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not _KEY.fullmatch(key):  # a form without a key (or a GET) is as before
            return view(request, *args, **kwargs)
        digest = _digest(request, by_sender=new_each_time)
        with transaction.atomic():
            if new_each_time:
                earlier = SentForm.objects.filter(
                    digest=digest, created_at__gte=timezone.now() - RESENT_WITHIN
                ).exclude(went_to="")
                if earlier.exists():
                    return _already_sent(request, key, digest)
            try:
                with transaction.atomic():
                    claim = SentForm.objects.create(key=key, digest=digest)
            except IntegrityError:  # sent before (another send may have just finished)
                return _already_sent(request, key, digest)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                claim.went_to = response["Location"][:2000]
                claim.save(update_fields=["went_to"])
            else:
                claim.delete()
            SentForm.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
        return response

    return wrapped


def _digest(request, *, by_sender: bool = False) -> str:
    """A fingerprint of what the form holds (not its security token or key); ``by_sender``:
    and of where it was sent, from which browser (its security cookie) and account."""
    found = hashlib.sha256()
    if by_sender:
        browser = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        user = getattr(request, "user", None)
        found.update(f"{request.path}\0{browser}\0{getattr(user, 'pk', '')}\0".encode())
    for name in sorted(request.POST):
        if name not in (FIELD, "csrfmiddlewaretoken"):
            for value in request.POST.getlist(name):
                found.update(f"{name}\0{value}\0".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            found.update(f"{name}\0{upload.name}\0{upload.size}\0".encode())
    return found.hexdigest()


def _already_sent(request, key: str, digest: str):
    earlier = (
        SentForm.objects.filter(key=key, digest=digest).first()
        or SentForm.objects.filter(digest=digest).exclude(went_to="").order_by("-pk").first()
    )
    messages.info(request, "You sent this form more than once. It was saved once.")
    return redirect((earlier and earlier.went_to) or request.get_full_path())
