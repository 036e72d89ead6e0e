"""System checks run at start (and by `manage.py check`): settings an operator sets as
environment variables that would otherwise fail later, or quietly keep data too long."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def retention_settings(app_configs=None, **kwargs):
    """Every retention period is a whole number of days, 1 or more."""
    errors = []
    names = getattr(settings, "RETENTION_ENV", {})
    for key, value in settings.RETENTION_DAYS.items():
        name = names.get(key, (f"RETENTION_DAYS['{key}']",))[0]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(
                checks.Error(
                    f"{name} is “{value}”: a retention period must be a whole number of "
                    "days, 1 or more.",
                    hint=f"Set {name} to a number of days, for example 30, or leave it unset "
                    "for the default.",
                    id="commonground.E001",
                )
            )
    return errors
