"""Wagtail's page chooser shows someone without page permissions only what is public
anyway: no draft's or private page's title, by browsing, searching or opening it by number."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

from site_content.models import StandardPage
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    home = f.home_page()
    made = {}
    for slug, title, live in (
        ("about-us", "About our work", True),
        ("closure", "Closure options draft", False),
        ("steering", "Closed steering notes", True),
    ):
        page = StandardPage(title=title, slug=slug, introduction="x", live=live)
        home.add_child(instance=page)
        if live:
            page.save_revision().publish()
        made[slug] = page
    PageViewRestriction.objects.create(
        page=made["steering"], restriction_type=PageViewRestriction.LOGIN
    )
    return home, made


def admin_user(**kwargs):
    user = f.UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def listed(client, home):
    browse = client.get(f"/admin/choose-page/{home.pk}/").content.decode()
    found = "".join(
        client.get("/admin/choose-page/search/", {"q": q}).content.decode()
        for q in ("About", "Closure", "Closed")
    )
    return browse, found


def test_someone_without_page_permissions_sees_only_public_pages(pages, client):
    home, made = pages
    client.force_login(admin_user())
    browse, found = listed(client, home)
    assert "About our work" in browse and "About our work" in found
    for title in ("Closure options draft", "Closed steering notes"):
        assert title not in browse and title not in found
    for slug in ("closure", "steering"):
        assert client.get(f"/admin/choose-page/{made[slug].pk}/").status_code == 404
        # However many noughts lead the id (Wagtail reads "00036" as 36).
        assert client.get(f"/admin/choose-page/{made[slug].pk:021d}/").status_code == 404
    assert client.get(f"/admin/choose-page/{'9' * 30}/").status_code == 404


def test_editors_and_superusers_still_see_what_they_work_on(pages, client):
    home, made = pages
    editors = Group.objects.create(name="Site editors")
    GroupPagePermission.objects.create(group=editors, page=home, permission_type="change")
    editor = admin_user()
    editor.groups.add(editors)
    for person in (editor, f.UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(person)
        browse, _found = listed(client, home)
        assert "Closure options draft" in browse and "Closed steering notes" in browse
        assert client.get(f"/admin/choose-page/{made['closure'].pk}/").status_code == 200
    assert Page.objects.filter(pk=made["closure"].pk, live=False).exists()


def test_the_move_confirmation_names_pages_only_to_those_who_may_move_them(pages, client):
    """Wagtail's "Move this page here?" screen asks no permission of its own."""
    home, made = pages
    confirm = f"/admin/pages/{made['closure'].pk}/move/{made['about-us'].pk}/confirm/"
    client.force_login(admin_user())
    padded = f"/admin/pages/{made['closure'].pk:021d}/move/{made['about-us'].pk:021d}/confirm/"
    for path in (confirm, padded, f"/admin/pages/{made['closure'].pk}/move/{'9' * 30}/confirm/"):
        refused = client.get(path)
        assert refused.status_code == 404, path
        assert "Closure options draft" not in refused.content.decode()
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    allowed = client.get(confirm)
    assert allowed.status_code == 200 and "Closure options draft" in allowed.content.decode()
