"""Absolute links for emails, calendar files and the static guide, which are read away from
the site and so cannot use a path alone. The site's address is WAGTAILADMIN_BASE_URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (as ``reverse`` or ``page.url`` gives it) on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + (path or "").lstrip("/")


def site_host() -> str:
    """The site's host name, for identifiers that must be unique to this site."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
