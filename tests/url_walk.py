"""Every URL pattern the project serves, as route strings: tests walk these rather than a
hand-made list."""

from django.urls import URLPattern, URLResolver, get_resolver


def routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route
