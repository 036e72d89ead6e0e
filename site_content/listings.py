"""Sections other apps add to the home page (for example, open story invitations), so this
app lists them without importing those apps."""

from collections.abc import Callable

_SECTIONS: list[tuple[int, str, Callable]] = []


def register_home_section(order: int, template: str, provider: Callable) -> None:
    """``provider(request)`` returns the context for ``template``, or None to show nothing."""
    if all(t != template for _, t, _ in _SECTIONS):
        _SECTIONS.append((order, template, provider))


def home_sections(request) -> list[tuple[str, dict]]:
    sections = []
    for _, template, provider in sorted(_SECTIONS, key=lambda s: s[0]):
        context = provider(request)
        if context:
            sections.append((template, context))
    return sections
