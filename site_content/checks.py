"""System checks for what the organisation must fill in before going live. They warn, and do
not stop the site: the public pages say plainly what is missing until it is filled in."""

from django.core import checks
from django.db import DatabaseError


@checks.register()
def go_live_details(app_configs=None, **kwargs):
    """The details only the organisation can give, reported at start (runserver, migrate,
    `manage.py check`) as warnings."""
    from .readiness import missing_before_live

    try:
        missing = missing_before_live()
    except DatabaseError:  # not migrated yet: nothing to say
        return []
    return [
        checks.Warning(
            item.what,
            hint=f"Fill it in in the Wagtail admin: {item.url}",
            id="commonground.W002",
        )
        for item in missing
    ]


@checks.register()
def private_files_outside_public_folders(app_configs=None, **kwargs):
    """Private files (attachments, stories' recordings and pictures, review documents) must
    not sit under a folder the web server publishes (MEDIA_ROOT, STATIC_ROOT), or a proxy's
    alias would serve them without a permission check. An error: the site does not start."""
    from pathlib import Path

    from django.conf import settings

    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if private == public or public in private.parents or private in public.parents:
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}), which the web "
                    "server publishes: private files would be served without a permission "
                    "check.",
                    hint=f"Set PRIVATE_MEDIA_ROOT to a folder outside {name}.",
                    id="commonground.E003",
                )
            )
    return errors
