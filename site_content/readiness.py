"""What the organisation must still fill in before the site goes live: the data protection
details, the security contact and the accessibility statement. The admin dashboard lists it
and a system check reports it at start."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone


@dataclass
class Missing:
    what: str  # a plain sentence
    url: str  # where to put it right


def _read(setting, request_or_site):
    """The site's setting, without creating it (a system check at start must not write)."""
    if request_or_site is None:
        return setting.objects.first() or setting()
    return setting.load(request_or_site=request_or_site)


def missing_before_live(request_or_site=None) -> list[Missing]:
    from .models import (
        AccessibilityStatementPage,
        DataProtectionDetails,
        PrivacyNoticePage,
        SecurityContact,
    )

    found = []
    details = _read(DataProtectionDetails, request_or_site)
    url = reverse("wagtailsettings:edit", args=["site_content", "dataprotectiondetails"])
    for words in details.missing():
        found.append(Missing(f"The privacy notice does not yet say {words}.", url))
    contact = _read(SecurityContact, request_or_site)
    url = reverse("wagtailsettings:edit", args=["site_content", "securitycontact"])
    for problem in contact.problems(timezone.localdate()):
        found.append(Missing(f"security.txt is not published: {problem}.", url))
    if not PrivacyNoticePage.objects.live().exists():
        found.append(
            Missing(
                "There is no published privacy notice page. Add one under the home page.",
                reverse("wagtailadmin_explore_root"),
            )
        )
    statement = AccessibilityStatementPage.objects.live().first()
    if statement is None:
        found.append(
            Missing(
                "There is no published accessibility statement page. Add one under the home page.",
                reverse("wagtailadmin_explore_root"),
            )
        )
    else:
        url = reverse("wagtailadmin_pages:edit", args=[statement.pk])
        for words in statement.missing():
            found.append(Missing(f"The accessibility statement does not yet say {words}.", url))
    return found
