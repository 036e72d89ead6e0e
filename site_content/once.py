"""Forms that create something do it once, however many times they are sent: a double click, a
resend after a slow answer, or the same page sent from three tabs.

The form carries a fresh key (``{% once_field %}``). ``once_only`` claims the key in the same
transaction as whatever the view saves, so the claim and the record stand or fall together; a
second send of a claimed key saves nothing and goes where the first went. A form the view
refuses (an error, a 4xx) gives its key back, so the corrected form can be sent."""

from __future__ import annotations

import datetime
import functools
import re
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from .models import SentForm

FIELD = "once"
KEPT = datetime.timedelta(days=2)
_KEY = re.compile(r"[0-9a-f]{32}")


def new_key() -> str:
    return uuid.uuid4().hex


def once_only(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not _KEY.fullmatch(key):  # a form without a key (or a GET) is as before
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SentForm.objects.create(key=key)
            except IntegrityError:  # sent before (another send may have just finished)
                return _already_sent(request, key)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                claim.went_to = response["Location"][:2000]
                claim.save(update_fields=["went_to"])
            else:
                claim.delete()
            SentForm.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
        return response

    return wrapped


def _already_sent(request, key):
    went_to = SentForm.objects.filter(key=key).values_list("went_to", flat=True).first()
    messages.info(request, "You sent this form more than once. It was saved once.")
    return redirect(went_to or request.get_full_path())
