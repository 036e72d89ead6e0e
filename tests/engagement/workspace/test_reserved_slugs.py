"""A locality's workspace lives at /workspace/<slug>/, so no locality may take a slug that a
fixed workspace address starts with: walked from the URL patterns, not a hand-made list."""

from django.urls import get_resolver

from engagement.models.pages import RESERVED_WORKSPACE_SLUGS
from tests.url_walk import routes


def test_every_fixed_workspace_prefix_is_reserved():
    prefixes = set()
    for route in routes(get_resolver()):
        if route.startswith("workspace/"):
            first = route.split("/")[1]
            if first and "<" not in first:
                prefixes.add(first)
    assert {"invitations", "groups", "programme"} <= prefixes
    assert prefixes <= RESERVED_WORKSPACE_SLUGS, prefixes
