"""The Wagtail Site's host name and port come from the site's public address (SITE_URL, read
into WAGTAILADMIN_BASE_URL), so page URLs name the real host, not ``localhost``. Applied after
every ``migrate`` when SITE_URL is set (SITE_ADDRESS_FROM_ENV), and by
``manage.py set_site_address``."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction


def host_and_port(url: str) -> tuple[str, int]:
    """``https://cg.example.org`` -> ``("cg.example.org", 443)``; an explicit port wins."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be an http or https address such as https://cg.example.org, "
            f"not {url!r}."
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def apply_site_address(url: str | None = None, using: str = "default"):
    """Give the default Wagtail Site the host and port of ``url`` (default: the site's
    address). Returns ``(site, changed)``, or ``(None, False)`` when there is no site yet."""
    from wagtail.models import Site

    hostname, port = host_and_port(url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None, False
    if (site.hostname, site.port) == (hostname, port):
        return site, False
    site.hostname, site.port = hostname, port
    # An update, not save(): Wagtail's save signal clears the cache, and on the first migrate
    # of a production install the cache's table does not exist yet (createcachetable comes
    # next). Cleared here when it can be.
    Site.objects.using(using).filter(pk=site.pk).update(hostname=hostname, port=port)
    try:
        with transaction.atomic(using=using):
            Site.clear_site_root_paths_cache()
    except DatabaseError:
        pass  # no cache table yet: nothing is cached either
    return site, True


def apply_after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver: keeps the Site in step with SITE_URL at every deploy."""
    if not settings.SITE_ADDRESS_FROM_ENV:
        return
    site, changed = apply_site_address(using=using)
    if changed and verbosity and stdout is not None:
        stdout.write(f"  The Wagtail site now answers as {site.root_url}/ (from SITE_URL).\n")
