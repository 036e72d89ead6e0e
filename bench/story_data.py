"""make bench helper: an inquiry in bench-locality-001 with 50,000 approved stories (coded with
themes and ticked strengths); prints the inquiry id. With --count, prints how many stories
the submission run added."""

import random
import sys

import django

django.setup()

from django.db import transaction  # noqa: E402

from engagement.models import InquiryPage, InquiryTheme, LocalityPage, Story  # noqa: E402
from engagement.stories.figures import stories_changed  # noqa: E402

TARGET = 50_000

inquiry = InquiryPage.objects.filter(slug="bench-inquiry").first()
if "--count" in sys.argv:
    print(Story.objects.filter(inquiry=inquiry, status=Story.RECEIVED).count())
    sys.exit(0)
if inquiry is None:
    import datetime

    from django.utils import timezone

    locality = LocalityPage.objects.get(slug="bench-locality-001")
    today = timezone.localdate()
    inquiry = InquiryPage(
        title="Bench inquiry",
        slug="bench-inquiry",
        question="When did support work well?",
        introduction="Load testing.",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=365),
        run_by="The bench team",
    )
    locality.add_child(instance=inquiry)
    inquiry.save_revision().publish()
Story.objects.filter(inquiry=inquiry, status=Story.RECEIVED).delete()  # last run's posts
strengths = inquiry.strength_choices()
themes = [
    InquiryTheme.objects.get_or_create(inquiry=inquiry, name=f"Theme {i}")[0] for i in range(12)
]
have = Story.objects.filter(inquiry=inquiry).count()
rng = random.Random(7)  # noqa: S311 - repeatable bench data, not security
tellers = list(Story.OLD_TELLERS.values())
with transaction.atomic():
    while have < TARGET:
        batch = [
            Story(
                inquiry=inquiry,
                status=rng.choice([Story.LEARNING_ONLY, Story.PUBLISHABLE]),
                text=f"Bench story {have + i}: the carers knew what mattered to me.",
                redacted_text=f"Bench story {have + i}.",
                teller=rng.choice(tellers),
                locality_id=inquiry.locality_id,
                consent_learning=True,
                consent_quote=True,
            )
            for i in range(min(5000, TARGET - have))
        ]
        made = Story.objects.bulk_create(batch)
        Story.strengths.through.objects.bulk_create(
            [
                Story.strengths.through(story_id=s.pk, inquirystrength_id=st.pk)
                for s in made
                for st in rng.sample(strengths, 2)
            ]
        )
        Story.themes.through.objects.bulk_create(
            [
                Story.themes.through(story_id=s.pk, inquirytheme_id=t.pk)
                for s in made
                for t in rng.sample(themes, 3)
            ]
        )
        have += len(made)
    stories_changed(inquiry.pk)  # bulk_create sends no signal: the cached counts must go
print(inquiry.pk)
