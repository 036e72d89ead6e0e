"""The Wagtail admin's record screens keep programme boundaries: someone given model
permissions through a group reaches only the records of the programmes they administer, on
every screen of the viewset (found by walking its URL patterns), in bulk actions too;
superusers reach everything."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils.text import slugify
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from engagement.models import Action, Panel, PanelMember, ProgrammeRole
from events.models import EventPage, Registration
from site_content.admin_scope import ScopedPermissionPolicy
from tests import factories as f

pytestmark = pytest.mark.django_db

# Records with their own stricter policy (safeguarding words; import records, not in a menu).
SITE_WIDE = {"SafeguardingTerm", "PracticeCollection"}


def test_every_snippet_with_programme_data_is_scoped():
    unscoped = [
        model.__name__
        for model in get_snippet_models()
        if model.__name__ not in SITE_WIDE
        and not isinstance(policy_registry.get_by_type(model), ScopedPermissionPolicy)
    ]
    assert unscoped == []


@pytest.fixture
def world():
    ours, theirs = f.make_programme("Ours"), f.make_programme("Theirs")
    admin = f.add_programme_role(ours, ProgrammeRole.ADMIN)
    group = Group.objects.create(name="Records editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for model in ("action", "panelmember", "registration"):
        for verb in ("add", "change", "delete", "view"):
            group.permissions.add(Permission.objects.get(codename=f"{verb}_{model}"))
    admin.groups.add(group)
    world = {"admin": admin}
    for name, programme in (("ours", ours), ("theirs", theirs)):
        locality = f.make_locality(programme)
        world[name] = {
            "action": f.make_action(locality, title=f"Action of {name}"),
            "seat": panel_seat(programme, f"Member of {name}"),
            "registration": registration(programme, f"Guest of {name}"),
        }
    return world


def panel_seat(programme, panel_name):
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(
        programme=programme, name=panel_name, slug=slugify(panel_name), facilitator=facilitator
    )
    return PanelMember.objects.create(panel=panel, user=f.UserFactory())


def registration(programme, name):
    start = f.morning(10)
    event = EventPage(
        title=f"Design day for {name}",
        slug=slugify(name),
        kind="design_day",
        purpose="Plan together.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        capacity=10,
    )
    programme.add_child(instance=event)
    return Registration.objects.create(
        event=event, name=name, email="guest@example.org", taking_part_as="carer"
    )


def pk_urls(model, pk):
    viewset = model.snippet_viewset
    for pattern in viewset.get_urlpatterns():
        if "<int:pk>" in str(pattern.pattern):
            yield reverse(f"{viewset.url_namespace}:{pattern.name}", args=[pk])


@pytest.mark.parametrize(
    "model,key,text",
    [
        (Action, "action", "Action of"),
        (PanelMember, "seat", "Member of"),
        (Registration, "registration", "Guest of"),
    ],
)
def test_lists_and_every_record_screen_stop_at_the_programme(client, world, model, key, text):
    client.force_login(world["admin"])
    listing = client.get(reverse(f"{model.snippet_viewset.url_namespace}:list"))
    assert listing.status_code == 200
    assert f"{text} ours" in listing.content.decode()
    assert f"{text} theirs" not in listing.content.decode()
    theirs, ours = world["theirs"][key], world["ours"][key]
    walked = 0
    for url in pk_urls(model, theirs.pk):
        walked += 1
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Changed", "name": "Changed"}).status_code == 404, url
    assert walked >= 4  # edit, delete, usage, history ...
    for url in pk_urls(model, ours.pk):
        # Registrations are never added in the admin, so they cannot be copied there either.
        expected = 302 if model is Registration and "/copy/" in url else 200
        assert client.get(url).status_code == expected, url
    assert model.objects.filter(pk=theirs.pk).exists()  # the delete screen deleted nothing
    # Bulk delete asks the same scope.
    bulk = reverse(
        "wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"]
    )
    client.post(f"{bulk}?id={theirs.pk}&next=/admin/", {})
    assert model.objects.filter(pk=theirs.pk).exists()


def test_forms_offer_only_places_and_people_of_the_programme(client, world):
    client.force_login(world["admin"])
    ours, theirs = world["ours"]["action"], world["theirs"]["action"]
    theirs.owner = f.add_member(theirs.locality)
    theirs.save()
    assert ours.locality.title != theirs.locality.title
    url = reverse("wagtailsnippets_engagement_action:edit", args=[ours.pk])
    page = client.get(url).content.decode()
    assert ours.locality.title in page
    assert theirs.locality.title not in page
    assert theirs.owner.email not in page and theirs.owner.get_full_name() not in page
    # A forged choice from the other programme is refused, and nothing is saved.
    forged = client.post(
        url, {"locality": theirs.locality.pk, "title": "Moved", "due_date": "2036-01-01"}
    )
    assert forged.status_code == 200
    ours.refresh_from_db()
    assert ours.locality_id != theirs.locality_id and ours.title == "Action of ours"


def test_superusers_reach_every_programme(client, world):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    listing = client.get(reverse("wagtailsnippets_engagement_action:list")).content.decode()
    assert "Action of ours" in listing and "Action of theirs" in listing
    url = reverse("wagtailsnippets_engagement_action:edit", args=[world["theirs"]["action"].pk])
    assert client.get(url).status_code == 200


def test_a_programme_team_member_without_the_admin_role_reaches_nothing(client, world):
    team = f.add_programme_role(
        world["admin"].programme_roles.first().programme, ProgrammeRole.TEAM
    )
    team.groups.add(Group.objects.get(name="Records editors"))
    client.force_login(team)
    listing = client.get(reverse("wagtailsnippets_engagement_action:list")).content.decode()
    assert "Action of ours" not in listing


@pytest.mark.parametrize(
    "model,key,text",
    [
        (Action, "action", "Action of"),
        (PanelMember, "seat", "Member of"),
        (Registration, "registration", "Guest of"),
    ],
)
def test_choosers_offer_only_the_programme(client, world, model, key, text):
    client.force_login(world["admin"])
    base = f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/"
    ours, theirs = world["ours"][key], world["theirs"][key]
    for url in (base, f"{base}results/", f"{base}results/?q=of"):
        body = client.get(url).content.decode()
        assert str(ours.pk) in body or f"{text} ours" in body or url.endswith("q=of")
        assert f"{text} theirs" not in body, url
    assert client.get(f"{base}chosen/{theirs.pk}/").status_code == 404
    assert client.get(f"{base}chosen/{ours.pk}/").status_code == 200
    several = client.get(f"{base}chosen-multiple/?id={theirs.pk}&id={ours.pk}").content.decode()
    assert f"{text} theirs" not in several


def test_bulk_confirmations_and_site_history_stop_at_the_programme(client, world):
    client.force_login(world["admin"])
    ours, theirs = world["ours"]["action"], world["theirs"]["action"]
    bulk = reverse("wagtail_bulk_action", args=["engagement", "action", "delete"])
    refused = client.get(f"{bulk}?id={theirs.pk}&id={ours.pk}&next=/admin/")
    assert refused.status_code == 404
    assert "Action of theirs" not in refused.content.decode()
    mine = client.get(f"{bulk}?id={ours.pk}&next=/admin/")
    assert mine.status_code == 200 and "Action of ours" in mine.content.decode()
    assert client.get("/admin/reports/site-history/").status_code == 404
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/reports/site-history/").status_code == 200


def test_records_are_not_made_from_inside_a_chooser(client, world):
    client.force_login(world["admin"])
    response = client.post("/admin/snippets/choose/engagement/action/create/", {"title": "X"})
    assert response.status_code == 404
    assert not Action.objects.filter(title="X").exists()


@pytest.mark.parametrize("trick", ["all", " {pk}", "{pk} ", "+{pk}", "99999999999999999999"])
def test_bulk_confirmations_refuse_ids_that_are_not_plain_numbers(client, world, trick):
    client.force_login(world["admin"])
    theirs = world["theirs"]["registration"]
    bulk = reverse("wagtail_bulk_action", args=["events", "registration", "delete"])
    response = client.get(bulk, {"id": trick.format(pk=theirs.pk), "next": "/admin/"})
    assert response.status_code == 404
    assert "Guest of theirs" not in response.content.decode()


def test_a_huge_id_in_a_query_is_not_found_even_for_superusers(client, world):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    huge = "99999999999999999999"
    bulk = reverse("wagtail_bulk_action", args=["events", "registration", "delete"])
    assert client.get(bulk, {"id": huge}).status_code == 404
    chosen = "/admin/snippets/choose/engagement/action/chosen-multiple/"
    assert client.get(chosen, {"id": huge}).status_code == 404


def test_registrations_are_not_added_in_the_admin(client, world):
    client.force_login(world["admin"])
    add = reverse(f"{Registration.snippet_viewset.url_namespace}:add")
    assert client.get(add).status_code in (302, 403)
    before = Registration.objects.count()
    assert client.post(add, {"name": "X", "email": "x@example.org"}).status_code in (302, 403)
    assert Registration.objects.count() == before


def test_guide_content_is_scoped_by_its_guides_programme(client):
    from guide.models import GuidePage, PracticeExample, Theme
    from site_content.models import HomePage

    ours, theirs = f.make_programme("Ours"), f.make_programme("Theirs")
    admin = f.add_programme_role(ours, ProgrammeRole.ADMIN)
    group = Group.objects.create(name="Guide editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for model in ("practiceexample", "theme"):
        for verb in ("add", "change", "delete", "view"):
            group.permissions.add(Permission.objects.get(codename=f"{verb}_{model}"))
    admin.groups.add(group)
    home = HomePage.objects.get()
    made = {}
    for name, programme in (("ours", ours), ("theirs", theirs), ("nobody's", None)):
        guide = GuidePage(
            title=f"Guide of {name}", slug=slugify(f"guide {name}"), introduction="A guide.",
            programme=programme,
        )  # fmt: skip
        home.add_child(instance=guide)
        theme = Theme.objects.create(guide=guide, name=f"Theme of {name}", slug="theme")
        made[name] = PracticeExample.objects.create(
            guide=guide, key="example", title=f"Example of {name}", theme=theme,
            organisations=["Council"], approach="Did it.", outcomes="- It worked.",
        )  # fmt: skip
    client.force_login(admin)
    listing = client.get(reverse("wagtailsnippets_guide_practiceexample:list")).content.decode()
    assert "Example of ours" in listing
    assert "Example of theirs" not in listing and "Example of nobody" not in listing
    themes = client.get(reverse("wagtailsnippets_guide_theme:list")).content.decode()
    assert "Theme of ours" in themes and "Theme of theirs" not in themes
    for other in ("theirs", "nobody's"):
        edit = reverse("wagtailsnippets_guide_practiceexample:edit", args=[made[other].pk])
        assert client.get(edit).status_code in (302, 403, 404)
    # The edit form offers only this programme's guide.
    form = client.get(
        reverse("wagtailsnippets_guide_practiceexample:edit", args=[made["ours"].pk])
    ).content.decode()
    assert "Guide of ours" in form and "Guide of theirs" not in form
