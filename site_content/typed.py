"""What a person typed into a form that could not be saved (the record was deleted while
they wrote, or they were signed out), to give back to them to copy, rather than lose it.
Only what they wrote in words: no passwords, security keys, ids or the form's own fields."""

from __future__ import annotations

import re

from site_content.fields import shows_nothing

# The form's own fields, and anything secret: never shown back.
_NOT_WORDS = re.compile(
    r"(csrf|password|token|^once$|version|fingerprint|^next$|_FORMS$|(^|[-_])id$|^action-"
    r"|(^|[-_])(code|secret|key|otp|pin|credential|recovery|signature)s?($|[-_]))",
    re.IGNORECASE,
)
# The account pages (sign-in codes, security keys) and the admins (a page's blocks as data)
# are never given back.
NEVER = ("/accounts/", "/admin/", "/django-admin/")


def may_give_back(request) -> bool:
    """Whether the words of this request's form may be shown back to its sender: a form
    post, not to the account pages or the admins, that passed the forgery check (so it came
    from the site's own page, not from another site)."""
    return (
        request.method == "POST"
        and not request.path.startswith(NEVER)
        and getattr(request, "csrf_processing_done", False)
    )


def typed_words(post) -> list[str]:
    """The words in a form post, in the order sent, each once."""
    seen, words = set(), []
    for key, values in post.lists():
        if _NOT_WORDS.search(key):
            continue
        for value in values:
            value = value.strip()
            if not re.search(r"[^\W\d_]", value) or shows_nothing(value) or value in seen:
                continue  # no letters: a number, an id, a choice's code or a date
            if re.fullmatch(r"[a-z0-9_\-]+", value):
                continue  # a choice's code (``open``, ``carer``), not words
            seen.add(value)
            words.append(value)
    return words
