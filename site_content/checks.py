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
