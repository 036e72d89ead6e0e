"""The Action hub: one "turn this into an action" form, used wherever something becomes an
action (a proposition, a register issue, a point agreed at an event), and one place that
tells other domains when an action is done."""

import pytest
from django.db import transaction
from django.urls import reverse

from engagement.models import Action, LocalityPage, ProgrammeRole, RegisterItem
from engagement.stories import learning as story_learning
from engagement.workspace import services
from engagement.workspace.hub import ActionFromForm, action_lists_for
from tests import factories as f
from tests.events.test_registration import make_event

pytestmark = pytest.mark.django_db

LABELS = ["Whose action list does it go on?", "What will be done", "Who will do it (optional)"]


@pytest.fixture
def place():
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    return programme, here, there, f.add_member(here), f.add_member(there)


def test_owner_must_be_in_the_chosen_localitys_team(place):
    programme, here, there, mine, theirs = place
    both = LocalityPage.objects.filter(pk__in=[here.pk, there.pk])
    wrong = ActionFromForm(
        {"locality": here.pk, "title": "Do it", "owner": theirs.pk}, localities=both
    )
    assert not wrong.is_valid()
    assert wrong.errors["owner"] == ["Choose someone from that locality's team"]
    right = ActionFromForm(
        {"locality": here.pk, "title": "Do it", "owner": mine.pk}, localities=both
    )
    assert right.is_valid(), right.errors
    kept = ActionFromForm({"locality": "", "title": "Half typed"}, localities=both)
    assert not kept.is_valid() and 'value="Half typed"' in str(kept["title"])


def test_the_people_to_choose_from_are_listed_under_their_locality(place):
    programme, here, there, mine, theirs = place
    both = LocalityPage.objects.filter(pk__in=[here.pk, there.pk])
    html = str(ActionFromForm(localities=both)["owner"])
    mine_at = html.index(f'value="{mine.pk}"')
    assert html.index(f'<optgroup label="{here.title}">') < mine_at
    assert html.index(f'<optgroup label="{there.title}">') < html.index(f'value="{theirs.pk}"')


def test_only_lists_the_person_may_add_to_are_offered(place):
    programme, here, there, mine, theirs = place
    offered = action_lists_for(mine, LocalityPage.objects.filter(programme=programme))
    assert list(offered) == [here]
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    assert set(action_lists_for(staff, LocalityPage.objects.filter(programme=programme))) == {
        here,
        there,
    }


def test_every_way_to_make_an_action_shows_the_same_form(place, client):
    programme, here, there, mine, theirs = place
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    client.force_login(staff)
    inquiry = f.make_inquiry(programme)
    proposition = story_learning.add_proposition(inquiry, text="Ask first", theme_ids=[], by=None)
    issue = RegisterItem.objects.create(
        programme=programme, kind=RegisterItem.ISSUE, title="Staff too busy", likelihood=3, impact=3
    )
    event = make_event(programme)
    pages = [
        reverse("inquiries:proposition_action", args=[inquiry.pk, proposition.pk]),
        reverse("programme:register_action", args=[programme.slug, issue.pk]),
        reverse("events:record", args=[event.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for label in LABELS:
            assert label in html, (url, label)


def test_an_owner_chosen_on_any_path_is_kept(place, client):
    programme, here, there, mine, theirs = place
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    client.force_login(staff)
    issue = RegisterItem.objects.create(
        programme=programme, kind=RegisterItem.ISSUE, title="Staff too busy", likelihood=3, impact=3
    )
    url = reverse("programme:register_action", args=[programme.slug, issue.pk])
    client.post(url, {"locality": here.pk, "title": "Protect time", "owner": mine.pk})
    assert Action.objects.get().owner == mine


def test_what_happens_when_done_runs_in_the_same_transaction(place):
    programme, here, *_ = place
    seen = []

    def handler(action):
        seen.append(action.pk)
        raise RuntimeError("a domain's follow-up failed")

    action = services.create_action(locality=here, creator=None, data={"title": "Tidy up"})
    services.when_action_done(handler)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.set_action_status(action=action, status=Action.DONE)
    finally:
        services._WHEN_DONE.remove(handler)
    assert seen == [action.pk]
    assert Action.objects.get(pk=action.pk).status == Action.OPEN
