"""The inquiry analysis counted once per change of the stories (engagement.stories.figures)
gives the same figures as counting directly, after every kind of change to the stories."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import retention, rights
from engagement.models import ProgrammeRole, SafeguardingTerm, Story
from engagement.stories import figures, learning, services
from tests.factories import (
    UserFactory,
    add_member,
    add_programme_role,
    make_inquiry,
    make_locality,
    make_programme,
    make_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cache.clear()
    programme = make_programme()
    home, away = make_locality(programme), make_locality(programme)
    lead = add_programme_role(programme, ProgrammeRole.TEAM)
    programme.safeguarding_lead = lead
    programme.save()
    inquiry = make_inquiry(programme)
    strengths = list(inquiry.strength_choices())
    themes = [inquiry.themes.create(name=f"Theme {i}") for i in range(3)]
    return {
        "inquiry": inquiry,
        "home": home,
        "away": away,
        "lead": lead,
        "strengths": strengths,
        "themes": themes,
    }


def readable(found):
    return {
        "total": found["total"],
        "themes": [(t.name, t.n) for t in found["themes"]],
        "ticks": [(s.name, s.n) for s in found["ticks"]],
        "by_teller": sorted(found["by_teller"]),
    }


def filters(world):
    home, away = world["home"].pk, world["away"].pk
    return [
        {},
        {"locality_id": home},
        {"locality_id": away},
        {"teller": "A carer"},
        {"teller": "An older person"},
        {"locality_id": home, "teller": "A carer"},
    ]


def warm(world):
    """Ask for every filter, so the next comparison would meet any count left stale."""
    inquiry = world["inquiry"]
    for where in filters(world):
        learning.analysis(inquiry, **where)
    figures.tellers(inquiry)


def assert_same(world):
    inquiry = world["inquiry"]
    for where in filters(world):
        fast = readable(learning.analysis(inquiry, **where))
        assert fast == readable(learning.analysis(inquiry, direct=True, **where)), where
    assert figures.tellers(inquiry) == figures.direct_tellers(inquiry)


def story(world, status=Story.LEARNING_ONLY, **data):
    data.setdefault("locality", world["home"])
    data.setdefault("strengths", world["strengths"][:2])
    return make_story(world["inquiry"], status=status, **data)


def test_counts_follow_every_kind_of_change(world, settings):
    inquiry, lead, themes = world["inquiry"], world["lead"], world["themes"]
    approved = [story(world), story(world, teller="A carer", locality=world["away"])]
    learning.code_story(approved[0], [themes[0].pk, themes[1].pk], by=lead)
    assert_same(world)
    total = learning.analysis(inquiry)["total"]
    assert total == 2

    def step(change):
        warm(world)
        change()
        assert_same(world)

    # A story arrives (received: not counted, but its teller joins the filter's choices).
    received = story(world, status=None, teller="A neighbour", email="teller@example.org")
    step(lambda: None)
    assert "A neighbour" in figures.tellers(inquiry)
    # Moderated: into review, approved for learning, then for publication, back, declined.
    step(lambda: services.move(received, Story.IN_REVIEW, by=lead))
    step(lambda: services.move(received, Story.LEARNING_ONLY, by=lead))
    assert learning.analysis(inquiry)["total"] == 3
    step(lambda: services.move(received, Story.PUBLISHABLE, by=lead, redacted_text="Kind."))
    step(lambda: services.move(received, Story.IN_REVIEW, by=lead))
    step(lambda: services.move(received, Story.LEARNING_ONLY, by=lead))
    other = story(world, status=Story.IN_REVIEW, teller="A carer")
    step(lambda: services.move(other, Story.DECLINED, by=lead, reason="Not a story."))
    # Coded: themes set, changed, removed; a theme's own stories changed from its side.
    step(lambda: learning.code_story(received, [themes[2].pk], by=lead))
    step(lambda: learning.code_story(approved[1], [t.pk for t in themes], by=lead))
    step(lambda: learning.code_story(approved[1], [], by=lead))
    step(lambda: themes[0].stories.add(approved[1]))
    step(lambda: themes[0].delete())
    # Ticks changed, from either side.
    step(lambda: approved[0].strengths.set(world["strengths"][3:5]))
    step(lambda: world["strengths"][3].stories.clear())
    # Safeguarding: a held story is left out until the lead clears it, and out again if held.
    SafeguardingTerm.objects.get_or_create(phrase="bruise")
    held = story(world, status=None, text="She had a bruise but the nurse helped.")
    step(lambda: services.decide_safeguarding(held, by=lead, clear=True, note="Checked."))
    step(lambda: services.move(held, Story.IN_REVIEW, by=lead))
    step(lambda: services.move(held, Story.LEARNING_ONLY, by=lead))
    step(lambda: services.decide_safeguarding(held, by=lead, clear=False, note="Held again."))
    # Consent changed, then the story withdrawn (its ticks and themes go with its words).
    step(lambda: services.change_consent(received, quote=False, first_name=False))
    step(lambda: services.withdraw(received))

    # An edit saved through the model, as an admin form saves it.
    def edit():
        approved[1].teller = "A worker"
        approved[1].save()

    step(edit)
    # Erased at the person's request (rights), and deleted by retention.
    erased = story(world, email="erase.me@example.org", teller="A carer")
    step(lambda: rights.erase_person("erase.me@example.org"))
    assert not Story.objects.filter(pk=erased.pk).exists()
    Story.objects.filter(pk=received.pk).update(
        withdrawn_at=timezone.now() - datetime.timedelta(days=3650)
    )
    figures.stories_changed(inquiry.pk)  # an update() sends no signal: say so, as documented
    step(lambda: retention.apply_retention())
    assert not Story.objects.filter(pk=received.pk).exists()
    # A locality that stories named is deleted: they keep counting, with no locality.
    step(lambda: world["away"].delete())
    # Deleted one by one, and in bulk.
    step(lambda: approved[0].delete())
    story(world)
    step(lambda: Story.objects.filter(inquiry=inquiry).delete())
    assert learning.analysis(inquiry)["total"] == 0


def test_counts_follow_a_name_scrubbed_from_who_told_it(world):
    """Erasure scrubs a person's name from every text field with update(), "Who are you?"
    words included: engagement's part of the erasure renews the counts first."""
    person = UserFactory(first_name="Rose", last_name="Tamworth")
    story(world, teller="A friend of Rose Tamworth")
    warm(world)
    rights.erase_person(person.email)
    assert_same(world)
    assert not [t for t in figures.tellers(world["inquiry"]) if "Tamworth" in t]


def test_an_update_that_skips_signals_is_stale_until_stories_changed(world):
    """The contract in figures' docstring, shown: a queryset update() is not seen by the
    signals, so whoever writes one calls stories_changed in the same transaction."""
    inquiry = world["inquiry"]
    one = story(world)
    warm(world)
    Story.objects.filter(pk=one.pk).update(status=Story.DECLINED)
    assert learning.analysis(inquiry)["total"] == 1  # the cached answer
    figures.stories_changed(inquiry.pk)
    assert_same(world)
    assert learning.analysis(inquiry)["total"] == 0


def test_the_direct_count_setting_counts_every_time(world, settings):
    inquiry = world["inquiry"]
    story(world)
    warm(world)
    Story.objects.filter(inquiry=inquiry).update(status=Story.DECLINED)
    settings.ANALYSIS_DIRECT_COUNT = True
    assert learning.analysis(inquiry)["total"] == 0


def test_analysis_page_queries_do_not_grow_with_stories(client, world):
    inquiry, lead = world["inquiry"], world["lead"]
    member = add_member(world["home"], lead=True)
    url = reverse("inquiries:analysis", args=[inquiry.pk])

    def grow(n):
        for i in range(n):
            one = story(world, teller=["A carer", "An older person", f"Told {i}"][i % 3])
            learning.code_story(one, [t.pk for t in world["themes"][: 1 + i % 3]], by=lead)

    def measure():
        """Queries of the first request after a change (counted), then of the next (read)."""
        client.force_login(member)
        found = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            found.append(len(ctx))
        return found

    grow(2)
    small = measure()
    grow(30)
    large = measure()
    assert small == large
    assert large[1] < large[0]  # the second request reads the counts, not counts them
