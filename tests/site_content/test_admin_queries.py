"""Every listing of both admins, walked from the URL patterns, given filters no database could
match: never a server error. A number beyond any id is left off the address; a date drill-down
to a date no calendar holds is "invalid filter"."""

import pytest
from django.contrib import admin

from tests import factories as f
from tests import url_walk

pytestmark = pytest.mark.django_db
HUGE = "1" * 23
NAMES = ["programme", "locality", "inquiry", "owner", "guide", "panel", "event", "user", "id"]


def admin_listings() -> list[str]:
    wagtail = {
        "/" + route
        for route in url_walk.routes()
        if route.startswith("admin/") and not any(c in route for c in "<^(")
    }
    wagtail.discard("/admin/failwhale/")  # Wagtail's deliberate error, for testing alerts
    django = {
        f"/django-admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    }
    return sorted(wagtail | django)


def test_the_walk_finds_the_listings():
    listings = admin_listings()
    assert len(listings) > 100
    assert "/admin/snippets/engagement/programmerole/" in listings
    assert "/django-admin/accounts/user/" in listings


def test_filters_no_database_could_match_are_never_a_server_error(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in admin_listings():
        for name in NAMES:
            response = client.get(f"{url}?{name}={HUGE}&q=kept")
            assert response.status_code < 500, (url, name)
            if response.status_code == 302 and response["Location"].startswith(url):
                assert HUGE not in response["Location"] and "q=kept" in response["Location"]
                assert client.get(response["Location"]).status_code < 500, (url, name)


@pytest.mark.parametrize("query", ["date_joined__year=99999", "created_at__month=13", "x__day=0"])
def test_a_date_no_calendar_holds_is_an_invalid_filter(client, query):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in ["/django-admin/accounts/user/", "/django-admin/mfa/authenticator/"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 302 and response["Location"] == f"{url}?e=1"
    fine = client.get("/django-admin/accounts/user/?date_joined__year=2026")
    assert fine.status_code == 200


def test_every_django_admin_listing_can_be_searched(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True, email="finder@example.org"))
    for url in admin_listings():
        if url.startswith("/django-admin/"):
            assert client.get(f"{url}?q=finder").status_code == 200, url


# Not named "page": that is the browser tests' fixture, and a test asking for it is grouped
# with them, after the tests that empty the database.
@pytest.mark.parametrize("number", ["²", "abc", "", "1.5"])
def test_a_page_number_that_is_not_a_number_is_left_off(client, number):
    """Wagtail's workflow screen reads ``p`` with ``int()``; the rest treat it as page one."""
    from wagtail.models import Workflow

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    workflow = Workflow.objects.create(name="Sign-off")
    url = f"/admin/workflows/edit/{workflow.pk}/"
    response = client.get(url, {"p": number, "q": "kept"})
    assert response.status_code == 302 and response["Location"] == f"{url}?q=kept"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(url, {"p": "1"}).status_code == 200


def test_a_nul_is_taken_out_of_admin_queries_on_every_listing(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in admin_listings():
        response = client.get(url, {"q": "ca\x00re", "p": "1"})
        assert response.status_code == 302, url
        assert response["Location"] == f"{url}?q=care&p=1"
        assert client.get(response["Location"]).status_code < 500, url


def test_the_image_chooser_searches_within_a_tag(client):
    """Wagtail's image chooser given a search and a tag (wagtail/wagtail#9160)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as Picture
    from wagtail.images import get_image_model

    def image(title, *tags):
        buffer = io.BytesIO()
        Picture.new("RGB", (4, 4), "white").save(buffer, format="PNG")
        made = get_image_model().objects.create(
            title=title, file=SimpleUploadedFile(f"{title}.png", buffer.getvalue())
        )
        made.tags.add(*tags)
        return made

    image("Allotment day", "garden")
    image("Allotment map")
    image("Garden party", "garden")
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in ["/admin/images/chooser/", "/admin/images/chooser/results/", "/admin/images/"]:
        response = client.get(url, {"q": "Allotment", "tag": "garden"})
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Allotment day" in page, url
        assert "Allotment map" not in page and "Garden party" not in page, url


def test_a_nul_in_any_address_is_not_found(client):
    """PostgreSQL refuses NUL in text; Wagtail's workflow task screen looked the path up."""
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in [
        "/admin/workflows/tasks/add/%00/x/",
        "/admin/workflows/tasks/add/wagtailcore/%00/",
        "/%00/",
        "/django-admin/%00/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get("/admin/workflows/tasks/add/wagtailcore/task/").status_code < 500


def test_choosers_asked_for_several_records_keep_to_what_one_may_reach(client):
    """The "several chosen" addresses no screen uses: the page chooser given the tree's root,
    a snippet chooser of a model the person may not work with, a group report chooser."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Page

    from engagement.models import SafeguardingTerm, WorkingGroup

    programme, elsewhere = f.make_programme(), f.make_programme("Elsewhere")
    staff = f.add_programme_role(programme, "team")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    root = Page.objects.get(depth=1)
    assert client.get(f"/admin/choose-page/chosen-multiple/?id={root.pk}").status_code == 404
    home = Page.objects.filter(depth=2).first()
    assert client.get(f"/admin/choose-page/chosen-multiple/?id={home.pk}").status_code == 200
    term = SafeguardingTerm.objects.get_or_create(phrase="hits me")[0]
    for url in [
        "/admin/snippets/choose/engagement/safeguardingterm/",
        f"/admin/snippets/choose/engagement/safeguardingterm/chosen-multiple/?id={term.pk}",
        f"/admin/snippets/choose/engagement/safeguardingterm/chosen/{term.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    theirs = WorkingGroup.objects.create(programme=elsewhere, name="Far away", remit="r")
    url = f"/admin/choose-a-group-report/chosen-multiple/?id={theirs.pk}"
    assert "Far away" not in client.get(url).content.decode()
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/snippets/choose/engagement/safeguardingterm/chosen-multiple/?id={term.pk}"
    assert "hits me" in client.get(url).content.decode()
