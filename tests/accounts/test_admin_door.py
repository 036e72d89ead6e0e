"""The admin's door: people who may use it get in, people signed in without it get a plain
"no access" page (never a loop of redirects), people not signed in are asked to sign in."""

import pytest
from django.contrib.auth.models import Permission

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PATHS = ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/login/", "/admin/audit/"]


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_signed_in_without_admin_access_is_told_plainly(client, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to the admin" in html
    assert 'href="/accounts/logout/"' in html


def test_not_signed_in_is_asked_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_people_allowed_the_admin_get_in(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_changing_accounts_in_djangos_admin_gives_no_more_power(client):
    """Someone allowed to change accounts (not a superuser) cannot make anyone staff, a
    superuser or a group member, themselves included, nor change a superuser's account."""
    from django.contrib.auth.models import Group

    helpdesk = UserFactory(is_staff=True, email="helpdesk@example.org")
    helpdesk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    boss = UserFactory(is_superuser=True, is_staff=True)
    group = Group.objects.create(name="Account helpers")
    client.force_login(helpdesk)
    url = f"/django-admin/accounts/user/{helpdesk.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="is_superuser"' not in form and 'name="groups"' not in form
    answer = client.post(
        url,
        {
            "email": "helpdesk@example.org",
            "first_name": "Help",
            "last_name": "Desk",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk],
        },
    )
    assert answer.status_code == 302
    helpdesk.refresh_from_db()
    assert helpdesk.first_name == "Help"  # what they may change is changed
    assert not helpdesk.is_superuser and not helpdesk.groups.exists()
    boss_url = f"/django-admin/accounts/user/{boss.pk}/"
    assert client.post(boss_url + "change/", {"email": "mine@example.org"}).status_code == 403
    assert client.post(boss_url + "password/", {}).status_code == 403
    boss.refresh_from_db()
    assert boss.email != "mine@example.org"


def test_wagtails_user_screens_keep_the_same_rule(client):
    """Wagtail's own user editor: the same person cannot make anyone a superuser or add them
    to a group, nor change or delete a superuser; a superuser still can."""
    from django.contrib.auth.models import Group

    helpdesk = UserFactory(email="helpdesk@example.org")
    helpdesk.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_user", "delete_user"])
    )
    member = UserFactory(email="member@example.org", first_name="Mo", last_name="Member")
    boss = UserFactory(is_superuser=True, is_staff=True, email="boss@example.org")
    group = Group.objects.create(name="Account helpers")
    client.force_login(helpdesk)
    url = f"/admin/users/edit/{member.pk}/"
    typed = {"email": member.email, "first_name": "Morgan", "last_name": "Member"}
    typed["is_active"] = "on"
    for extra, words in (
        ({"is_superuser": "on"}, "make someone an administrator"),
        ({"groups": [group.pk]}, "add someone to a group"),
    ):
        answer = client.post(url, {**typed, **extra})
        assert answer.status_code == 200  # the form again, not a redirect
        assert answer.context["form"].errors[next(iter(extra))] == [
            f"Only a superuser may {words}. Nothing was saved."
        ]
        assert 'value="Morgan"' in answer.content.decode()  # what was typed is kept
    new_account = {**typed, "email": "new@example.org", "password1": "x9!long-pass"}
    new_account |= {"password2": "x9!long-pass", "is_superuser": "on"}
    helpdesk.user_permissions.add(Permission.objects.get(codename="add_user"))
    answer = client.post("/admin/users/new/", new_account)
    assert answer.status_code == 200 and "is_superuser" in answer.context["form"].errors
    assert not User.objects.filter(email="new@example.org").exists()
    member.refresh_from_db()
    assert not member.is_superuser and not member.groups.exists()
    assert member.first_name == "Mo"  # refused whole: nothing was saved
    assert client.post(url, typed).status_code == 302
    member.refresh_from_db()
    assert member.first_name == "Morgan"
    boss_edit = f"/admin/users/edit/{boss.pk}/"
    takeover = {
        "email": "mine@example.org",
        "password1": "x9!long-pass",
        "password2": "x9!long-pass",
    }
    # Wagtail answers "permission denied" by going back to the dashboard with a message.
    for answer in (
        client.get(boss_edit),
        client.post(boss_edit, takeover),
        client.post(f"/admin/users/delete/{boss.pk}/"),
    ):
        assert answer.status_code == 302 and answer["Location"] == "/admin/"
    boss.refresh_from_db()
    assert boss.email == "boss@example.org"
    client.force_login(boss)
    client.post(url, {**typed, "is_superuser": "on", "groups": [group.pk]})
    member.refresh_from_db()
    assert member.is_superuser and member.groups.filter(pk=group.pk).exists()


def test_the_user_lists_bulk_actions_keep_the_same_rule(client):
    """Assigning a role is adding to a group; deactivating or deleting a superuser is
    changing their account: refused to someone who may change accounts but is not a
    superuser, as on the edit form."""
    from django.contrib.auth.models import Group

    helpdesk = UserFactory(email="helpdesk@example.org")
    helpdesk.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_user", "delete_user"])
    )
    member = UserFactory(email="member@example.org")
    boss = UserFactory(is_superuser=True, is_staff=True, email="boss@example.org")
    editors = Group.objects.create(name="Account bulk test group")
    client.force_login(helpdesk)
    base = "/admin/bulk/accounts/user/"
    for who in (helpdesk, member):
        client.post(f"{base}assign_role/?next=/admin/users/&id={who.pk}", {"role": editors.pk})
        assert not who.groups.exists()
    client.post(
        f"{base}set_active_state/?next=/admin/users/&id={boss.pk}", {"mark_as_active": "False"}
    )
    boss.refresh_from_db()
    assert boss.is_active
    # What they may do still works: an ordinary account made inactive.
    client.post(
        f"{base}set_active_state/?next=/admin/users/&id={member.pk}", {"mark_as_active": "False"}
    )
    member.refresh_from_db()
    assert not member.is_active


def test_djangos_admin_never_shows_a_second_factors_secret(client):
    """A superuser sees who set up which second factor, and can remove a lost one, but not
    the secret that would let them make that person's codes."""
    from allauth.mfa.models import Authenticator

    owner = UserFactory(email="staff.member@example.org")
    totp = Authenticator.objects.create(
        user=owner, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for path in (
        "/django-admin/mfa/authenticator/",
        f"/django-admin/mfa/authenticator/{totp.pk}/change/",
    ):
        page = client.get(path)
        assert page.status_code == 200 and str(owner) in page.content.decode()
        assert "JBSWY3DPEHPK3PXP" not in page.content.decode()
    edit = client.post(
        f"/django-admin/mfa/authenticator/{totp.pk}/change/", {"data": '{"secret": "X"}'}
    )
    assert edit.status_code == 403
    totp.refresh_from_db()
    assert totp.data == {"secret": "JBSWY3DPEHPK3PXP"}
    client.post(f"/django-admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})
    assert not Authenticator.objects.filter(pk=totp.pk).exists()


def test_djangos_admin_lists_cannot_be_filtered_by_a_secret(client):
    """A filter in the address (?password__startswith=...) would read a secret out one
    guess at a time, by the count of what is listed: such filters are refused."""
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    owner = UserFactory(email="staff.member@example.org")
    Authenticator.objects.create(
        user=owner, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    session = UserSession.objects.create(
        user=owner, session_key="k" * 32, ip="192.0.2.1", user_agent="Firefox", data={}
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for path in (
        f"/django-admin/mfa/authenticator/?user={owner.pk}&data__secret__startswith=JB",
        "/django-admin/mfa/authenticator/?data__regex=JB",
        "/django-admin/accounts/user/?password__startswith=pbkdf2",
        "/django-admin/usersessions/usersession/?session_key__startswith=k",
    ):
        assert client.get(path).status_code == 400, path
    assert client.get(f"/django-admin/mfa/authenticator/?user={owner.pk}").status_code == 200
    shown = client.get(f"/django-admin/usersessions/usersession/{session.pk}/change/")
    assert shown.status_code == 200 and "192.0.2.1" in shown.content.decode()
    assert "k" * 32 not in shown.content.decode()


def test_wagtails_user_screens_offer_no_copy_of_an_account(client):
    """Copying an account (a person's name, email and groups on a new one) has no use, and
    the copy screen skipped the rule above: it is gone, for a superuser too."""
    member = UserFactory(email="member@example.org")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(f"/admin/users/edit/{member.pk}/").status_code == 200
    assert client.get(f"/admin/users/copy/{member.pk}/").status_code == 404
    assert client.post(f"/admin/users/copy/{member.pk}/", {}).status_code == 404
