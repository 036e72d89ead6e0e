"""The public practice-example pages ask the database the same number of questions with a few
themes and examples as with many (no N+1)."""

import pytest
from django.urls import reverse

from guide.models import GuidePage, PracticeExample, Theme
from tests.engagement.test_query_counts import count

pytestmark = pytest.mark.usefixtures("demo_db")


def test_practice_example_pages_do_not_grow_with_data(client):
    guide = GuidePage.objects.get(slug="living-well")
    theme = Theme.objects.filter(guide=guide).order_by("position", "name").first()
    n = 0

    def grow(size):
        nonlocal n
        for _ in range(size):
            n += 1
            extra = Theme.objects.create(guide=guide, name=f"Extra {n}", slug=f"extra-{n}")
            for where in (theme, extra):
                PracticeExample.objects.create(
                    guide=guide,
                    theme=where,
                    key=f"extra-{where.pk}-{n}",
                    title=f"Extra example {where.pk} {n}",
                    approach="We asked people first.",
                    outcomes="- More people took part.",
                )

    def measure():
        return {
            url: count(client, url)
            for url in (
                reverse("guide:examples"),
                reverse("guide:guide_examples", args=[guide.slug]),
                theme.get_absolute_url(),
            )
        }

    grow(1)
    small = measure()
    grow(8)
    large = measure()
    assert large == small
