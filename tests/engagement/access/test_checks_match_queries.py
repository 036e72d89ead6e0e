"""Each access rule is asked two ways: "may this person do it to this one?" (a check) and
"which ones may this person do it to?" (a query). Side by side in engagement.access, and here
held to the same answer for every person and every object, so the two cannot drift."""

import pytest

from engagement import access
from engagement.models import (
    InquiryPage,
    LocalityPage,
    Panel,
    PanelMember,
    ProgrammePage,
    ProgrammeRole,
    Project,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    mine, other = f.make_programme(), f.make_programme()
    here, there = f.make_locality(mine), f.make_locality(mine)
    elsewhere = f.make_locality(other)
    lead = f.add_member(here, role="commissioner", lead=True)
    manager = f.UserFactory()
    people = {
        "superuser": f.UserFactory(is_superuser=True),
        "programme_admin": f.add_programme_role(mine, ProgrammeRole.ADMIN),
        "programme_team": f.add_programme_role(mine, ProgrammeRole.TEAM),
        "board_member": f.add_programme_role(mine, ProgrammeRole.BOARD),
        "expert": f.add_programme_role(mine, ProgrammeRole.EXPERT),
        "evaluator": f.add_programme_role(mine, ProgrammeRole.EVALUATOR),
        "locality_lead": lead,
        "locality_member": f.add_member(here),
        "project_manager": manager,
        "signed_in_public": f.UserFactory(),
        "inactive_member": f.add_member(there),
        "anonymous": None,
    }
    people["inactive_member"].is_active = False
    people["inactive_member"].save()
    facilitated = Panel.objects.create(
        programme=mine, name="A", slug="a", facilitator=people["programme_team"]
    )
    seated = Panel.objects.create(programme=other, name="B", slug="b", facilitator=f.UserFactory())
    PanelMember.objects.create(panel=seated, user=people["expert"])
    Panel.objects.create(programme=other, name="C", slug="c", facilitator=f.UserFactory())
    inquiries = [
        f.make_inquiry(mine),
        f.make_inquiry(here),
        f.make_inquiry(there),
        f.make_inquiry(elsewhere),
    ]
    for n, (programme, locality, who) in enumerate(
        [(mine, None, manager), (mine, here, None), (mine, there, None), (other, None, None)]
    ):
        Project.objects.create(
            programme=programme, locality=locality, manager=who, title=f"P{n}", purpose="x"
        )
    stories = [f.make_story(i) for i in inquiries]
    return {
        "people": people,
        "programmes": [mine, other],
        "localities": [here, there, elsewhere],
        "panels": [facilitated, seated, Panel.objects.get(slug="c")],
        "inquiries": inquiries,
        "stories": stories,
    }


def _fresh(user):
    # A new object each time, so no cached roles from an earlier question leak into this one.
    from accounts.models import User

    return None if user is None else User.objects.get(pk=user.pk)


def _each(world):
    for role, user in world["people"].items():
        yield role, _fresh(user)


def _pk_set(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_workspaces(world):
    for role, user in _each(world):
        listed = _pk_set(access.workspaces_for(user))
        for locality in world["localities"]:
            assert access.can_view_workspace(user, locality) == (locality.pk in listed), role


def test_dashboards(world):
    for role, user in _each(world):
        listed = _pk_set(access.dashboards_for(user))
        for programme in world["programmes"]:
            assert access.can_view_dashboard(user, programme.pk) == (programme.pk in listed), role


def test_panels(world):
    for role, user in _each(world):
        listed = _pk_set(access.panels_for(user))
        for panel in world["panels"]:
            assert access.can_view_panel(user, panel) == (panel.pk in listed), (role, panel.name)


def test_review_rounds(world):
    import datetime

    from engagement.panels import services as panel_services

    people = world["people"]
    facilitated, seated, _ = world["panels"]
    expert_seat = PanelMember.objects.get(panel=seated, user=people["expert"])
    for panel in (facilitated, seated):
        for invited in ([expert_seat] if panel == seated else [], []):
            panel_services.open_round(
                panel=panel,
                creator=panel.facilitator,
                data={"title": "Leaflet", "closes_on": datetime.date.today()},
                questions=["Clear?"],
                invited=invited,
            )
    for role, user in _each(world):
        for panel in world["panels"]:
            listed = _pk_set(access.rounds_for(user, panel))
            for review_round in panel.rounds.all():
                allowed = access.can_view_round(user, review_round)
                assert allowed == (review_round.pk in listed), (role, panel.name)
    expert = _fresh(people["expert"])
    assert len(_pk_set(access.rounds_for(expert, seated))) == 1


def test_inquiries(world):
    for role, user in _each(world):
        listed = _pk_set(access.inquiries_for(user))
        for inquiry in InquiryPage.objects.filter(pk__in=[i.pk for i in world["inquiries"]]):
            assert access.can_analyse_inquiry(user, inquiry) == (inquiry.pk in listed), role


def test_stories_to_moderate(world):
    for role, user in _each(world):
        listed = _pk_set(access.stories_to_moderate(user))
        for story in world["stories"]:
            allowed = access.can_moderate_stories(user, story.inquiry)
            assert allowed == (story.pk in listed), role


def test_projects(world):
    for role, user in _each(world):
        for programme in world["programmes"]:
            listed = _pk_set(access.projects_for(user, programme))
            for project in Project.objects.filter(programme=programme):
                assert access.can_view_project(user, project) == (project.pk in listed), role


def test_programmes_run_by(world):
    for role, user in _each(world):
        listed = _pk_set(access.programmes_run_by(user))
        for programme in ProgrammePage.objects.filter(pk__in=[p.pk for p in world["programmes"]]):
            assert access.can_open_projects(user, programme) == (programme.pk in listed), role


def test_the_world_has_both_answers_for_every_rule(world):
    """Guard against a test that passes because every answer is "no"."""
    lead = _fresh(world["people"]["locality_lead"])
    here, there, _ = world["localities"]
    assert access.can_view_workspace(lead, here) and not access.can_view_workspace(lead, there)
    expert = _fresh(world["people"]["expert"])
    assert _pk_set(access.panels_for(expert)) == {world["panels"][1].pk}
    manager = _fresh(world["people"]["project_manager"])
    assert [p.title for p in access.projects_for(manager, world["programmes"][0])] == ["P0"]
    assert LocalityPage.objects.count() == 3
