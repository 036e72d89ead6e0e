"""Where a workspace record has been used elsewhere (the guide, later events and reports).

Apps that use engagement records register a provider in AppConfig.ready; engagement never
imports them."""

from collections.abc import Callable

_PROVIDERS: list[Callable] = []


def register_usage_provider(provider: Callable) -> None:
    """``provider(obj)`` returns a list of (label, url) pairs where ``obj`` is used."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def usages_of(obj) -> list[tuple[str, str]]:
    found = []
    for provider in _PROVIDERS:
        found += provider(obj)
    return found
