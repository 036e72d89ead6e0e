"""Public pages for practice examples, and the published static guide at /guide/."""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.static import serve

from . import gate
from .models import PracticeExample, Theme


def _shown(examples) -> list:
    # What anonymous visitors see passes the publication gate, like the guide itself.
    return [ex for ex in examples if gate.may_show_example(ex)]


def example_index(request):
    themes = [
        (theme, _shown(theme.examples.all()))
        for theme in Theme.objects.prefetch_related("examples")
    ]
    return render(request, "guide/example_index.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    examples = _shown(theme.examples.order_by("order", "key"))
    return render(request, "guide/theme_detail.html", {"theme": theme, "examples": examples})


def example_detail(request, key):
    example = get_object_or_404(
        PracticeExample.objects.select_related("theme", "locality"), key=key
    )
    if not gate.may_show_example(example):
        raise Http404("This practice example is not published yet.")
    return render(
        request,
        "guide/example_detail.html",
        {"example": example, "contacts": gate.publishable_contacts(example)},
    )


def published_guide(request, path=""):
    """Serve the last built guide (site/) as static files. A CDN or web server can serve the
    same folder directly in production."""
    root = Path(settings.GUIDE_SITE_DIR)
    if not (root / "index.html").exists():
        return render(request, "guide/not_built.html", status=404)
    if ".." in path.split("/") or "\\" in path:
        raise Http404("No such page in the guide")  # the same answer as any missing page
    if path == "" or path.endswith("/"):
        path += "index.html"
    if not (root / path).is_file():
        raise Http404("No such page in the guide")
    return serve(request, path, document_root=str(root))
