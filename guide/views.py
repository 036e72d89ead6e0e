"""Public pages: the list of guides, each guide's built static site at /guides/<slug>/, and
its practice examples at /practice-examples/<guide>/."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import gate, sites
from .build import default_guide
from .models import GuidePage, PracticeExample, Theme


def _shown(examples) -> list:
    # What anonymous visitors see passes the publication gate, like the guide itself.
    return [ex for ex in examples if gate.may_show_example(ex)]


def _of_guide(examples, guide) -> list:
    """``guide``'s examples among ``examples`` that may be shown, in order, each knowing its
    guide (its address names it) without asking the database again."""
    found = list(examples.filter(guide=guide).order_by("order", "key"))
    for example in found:
        example.guide = guide
    return _shown(found)


def published_guides(programme=None) -> list:
    """Live guides whose static site has been built, in page-tree order."""
    guides = _built_guides().order_by("path")
    if programme is not None:
        guides = guides.filter(programme=programme)
    return [g for g in guides if g.is_built]


def _built_guides():
    # The object storage pointer comes in the same query (is_built reads it).
    return GuidePage.objects.live().public().select_related("published_site")


def _guide(slug) -> GuidePage:
    return get_object_or_404(GuidePage.objects.live().public(), slug=slug)


def guide_list(request):
    return render(request, "guide/guide_list.html", {"guides": published_guides()})


def example_index(request):
    """Every guide's practice examples, guide by guide and theme by theme."""
    guides = list(GuidePage.objects.live().public().order_by("path"))
    themes = list(Theme.objects.filter(guide__in=guides).order_by("position", "name"))
    by_pk = {g.pk: g for g in guides}
    for theme in themes:
        theme.guide = by_pk[theme.guide_id]  # its address names the guide: no query each
    listing = [(g, [t for t in themes if t.guide_id == g.pk]) for g in guides]
    return render(request, "guide/example_index.html", {"guides": listing})


def guide_examples(request, guide):
    """/practice-examples/<slug>/: a guide's examples by theme, or an old example address."""
    found = GuidePage.objects.live().public().filter(slug=guide).first()
    if found is None:
        # /practice-examples/<key>/ from the days of one guide: the default guide's example.
        default = default_guide()
        if default and PracticeExample.objects.filter(guide=default, key=guide).exists():
            return redirect("guide:example", default.slug, guide, permanent=True)
        raise Http404("No such guide")
    themes = list(Theme.objects.filter(guide=found).order_by("position", "name"))
    for theme in themes:
        theme.guide = found
    examples = _of_guide(PracticeExample.objects.filter(theme__in=themes), found)
    themes = [(t, [ex for ex in examples if ex.theme_id == t.pk]) for t in themes]
    return render(request, "guide/guide_examples.html", {"guide": found, "themes": themes})


def theme_detail(request, guide, slug):
    found = _guide(guide)
    theme = get_object_or_404(Theme, guide=found, slug=slug)
    examples = _of_guide(theme.examples.all(), found)
    return render(
        request,
        "guide/theme_detail.html",
        {"guide": found, "theme": theme, "examples": examples},
    )


def example_detail(request, guide, key):
    found = _guide(guide)
    example = get_object_or_404(
        PracticeExample.objects.select_related("theme", "locality"), guide=found, key=key
    )
    if not gate.may_show_example(example):
        raise Http404("This practice example is not published yet.")
    return render(
        request,
        "guide/example_detail.html",
        {"guide": found, "example": example, "contacts": gate.publishable_contacts(example)},
    )


def default_published(request, path=""):
    """/guide/ from the days of one guide: the default guide, or the list of guides."""
    if ".." in path.split("/") or "\\" in path:
        raise Http404("No such page in the guide")
    guide = default_guide()
    if guide is None or not guide.is_built:
        published = published_guides()
        if len(published) != 1:
            return redirect("guide:list")
        guide = published[0]
    return redirect(f"{guide.published_url}{path}")


def published_guide(request, slug, path=""):
    """Serve a guide's last build (GUIDE_SITE_DIR/<slug>/, or its prefix in object storage)
    as static files. A web server can serve the disk folders directly in production."""
    guide = _built_guides().filter(slug=slug).first()
    if guide is None or not guide.is_built:
        return render(request, "guide/not_built.html", {"guide": guide}, status=404)
    return sites.serve_page(request, guide, path)
