import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_sign_up_asks_for_a_name_and_keeps_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Enter your first name" in html
    assert 'value="new.person@example.org"' in html
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_sign_up_refuses_an_address_too_long_to_keep(client):
    """255 characters would be cut to 254 on the account, and the confirmation sent to an
    address that does not exist: refused, with what was typed kept."""
    long_address = "a" * 243 + "@example.org"
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Ada",
            "email": long_address,
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
        },
    )
    html = response.content.decode()
    assert "An email address has 254 characters at the most." in html
    assert long_address in html and not get_user_model().objects.exists()


@pytest.mark.django_db
def test_sign_up_needs_email_verification_before_sign_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": " Ada ",
            "last_name": "Okonkwo",
            "email": "New.Person@Example.org",
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert user.display_name == "Ada Okonkwo"
    assert user.email == "new.person@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert len(mail.outbox) == 1 and "confirm" in mail.outbox[0].body.lower()
    assert mail.outbox[0].subject == "Common Ground: Confirm your email address"
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(
        reverse("account_login"),
        {"login": "new.person@example.org", "password": "a-long-new-password"},
    )
    assert "_auth_user_id" not in client.session  # not signed in until verified
    # The email is in plain words and names nobody (it may go to someone else's inbox).
    body = mail.outbox[0].body
    assert body.startswith("Hello,") and "Someone, we hope you" in body
    assert "Ada" not in body and "Hello from" not in body
    # The link in the email opens a page that confirms the address, then sign-in works.
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)[1]
    page = client.get(link)
    assert page.status_code == 200 and "new.person@example.org" in page.content.decode()
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    client.post(
        reverse("account_login"),
        {"login": "new.person@example.org", "password": "a-long-new-password"},
    )
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_confirmation_link_that_does_not_work_says_so(client):
    page = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert page.status_code == 200 and "<main" in page.content.decode()


@pytest.mark.django_db
def test_sign_in_with_email_and_wrong_password_message(client):
    user = UserFactory(email="lead@example.org")
    bad = client.post(reverse("account_login"), {"login": "lead@example.org", "password": "nope"})
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
    assert 'value="lead@example.org"' in bad.content.decode()  # what they typed is kept
    good = client.post(
        reverse("account_login"), {"login": "lead@example.org", "password": PASSWORD}
    )
    assert good.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_password_reset_sends_a_link(client):
    UserFactory(email="carer@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "carer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # In the site's own plain words, not the library's.
    assert mail.outbox[0].subject == "Common Ground: Set a new password"
    assert "To choose a new password, open this link:" in mail.outbox[0].body
    assert "You're receiving" not in mail.outbox[0].body


@pytest.mark.django_db
def test_signing_up_again_with_an_address_in_use_is_answered_in_plain_words(client):
    UserFactory(email="carer@example.org")
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Ada",
            "last_name": "Okonkwo",
            "email": "carer@example.org",
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
        },
    )
    assert response.status_code == 302  # the page does not say whether the address is in use
    (sent,) = mail.outbox
    assert sent.subject == "Common Ground: You already have an account"
    assert "There is already an account with it" in sent.body
    assert "/accounts/password/reset/" in sent.body
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_workspace_needs_sign_in(client):
    response = client.get(reverse("workspace:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_a_new_password_from_the_emailed_link_has_an_error_summary(client):
    """allauth gives this form to its page only as ``form``: the summary still finds it."""
    import re

    UserFactory(email="carer@example.org")
    client.post(reverse("account_reset_password"), {"email": "carer@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    answer = client.post(form_url, {"password1": "", "password2": ""})
    html = answer.content.decode()
    assert answer.status_code == 200 and "There is a problem" in html
    assert 'href="#id_password1"' in html


@pytest.mark.django_db
def test_the_wagtail_account_page_cannot_change_the_sign_in_address(client):
    """Only allauth changes an address (verified first); Wagtail's account page shows the
    name only, and a posted address is ignored."""
    user = UserFactory(is_superuser=True, is_staff=True, email="cora@example.org")
    client.force_login(user)
    page = client.get("/admin/account/")
    assert page.status_code == 200 and 'name="name_email-email"' not in page.content.decode()
    client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Cora",
            "name_email-last_name": "Ordinator",
            "name_email-email": "someone.else@example.org",
        },
    )
    user.refresh_from_db()
    assert user.email != "someone.else@example.org"


@pytest.mark.django_db
def test_an_address_in_other_capitals_is_the_same_address_in_every_account_editor():
    """Django's admin and Wagtail's user editor are model forms: the model keeps addresses in
    lower case, so another account's address in capitals is refused as taken."""
    from django.forms import modelform_factory

    UserFactory(email="admin@example.org")
    other = UserFactory(email="facilitator@example.org")
    form = modelform_factory(get_user_model(), fields=["email"])(
        {"email": "ADMIN@Example.org"}, instance=other
    )
    assert not form.is_valid() and "email" in form.errors
    form = modelform_factory(get_user_model(), fields=["email"])(
        {"email": "New.Address@Example.org"}, instance=other
    )
    assert form.is_valid()
    form.save()
    other.refresh_from_db()
    assert other.email == "new.address@example.org"


@pytest.mark.django_db
def test_two_errors_on_one_field_are_one_message_tied_to_it(client):
    page = client.post(
        reverse("account_signup"),
        {
            "first_name": "Ada",
            "last_name": "Okonkwo",
            "email": "ada@example.org",
            "password1": "abc",
            "password2": "abc",
        },
    ).content.decode()
    assert page.count('id="id_password1-error"') == 1
    message = re.search(r'<p class="error-message" id="id_password1-error">(.*?)</p>', page, re.S)
    assert message[1].count("<br>") >= 1  # both problems said, in the one message


@pytest.mark.django_db
def test_an_address_changed_by_an_admin_must_be_confirmed_before_it_signs_in(client):
    """Django's admin or Wagtail's user editor changing someone's address: the old address
    stops signing in, and the new one is the main address, not yet verified."""
    person = UserFactory(email="public@example.org")
    person.email = "New.Public@Example.org"
    person.full_clean(exclude=["password"])
    person.save()
    addresses = list(EmailAddress.objects.filter(user=person).values_list("email", "verified"))
    assert addresses == [("new.public@example.org", False)]
    old = client.post(
        reverse("account_login"), {"login": "public@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session and old.status_code == 200
    client.post(reverse("account_login"), {"login": "new.public@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # not until the new address is confirmed
    # Someone else may now take the old address.
    assert UserFactory(email="public@example.org").pk != person.pk


@pytest.mark.django_db
def test_allauths_own_change_of_main_address_is_left_alone():
    person = UserFactory(email="first@example.org")
    EmailAddress.objects.create(user=person, email="second@example.org", verified=True)
    EmailAddress.objects.get(email="second@example.org").set_as_primary()
    person.refresh_from_db()
    assert person.email == "second@example.org"
    assert set(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == {
        ("first@example.org", True),
        ("second@example.org", True),
    }


@pytest.mark.django_db
def test_the_wagtail_account_page_takes_no_profile_picture(client):
    """The picture skipped the site's file checks and would be served from nowhere: the
    page offers none, and a posted one is not kept. The page still works for staff only."""
    import io

    from PIL import Image
    from wagtail.users.models import UserProfile

    picture = io.BytesIO()
    Image.new("RGB", (10, 10)).save(picture, "GIF")
    picture.seek(0)
    picture.name = "me.gif"
    user = UserFactory(is_superuser=True, is_staff=True, first_name="Cora")
    client.force_login(user)
    page = client.get("/admin/account/").content.decode()
    assert "Cora" in page and 'name="avatar-avatar"' not in page
    client.post(
        "/admin/account/",
        {"name_email-first_name": "Cora", "name_email-last_name": "Lane", "avatar-avatar": picture},
    )
    assert not UserProfile.get_for_user(user).avatar
    client.force_login(UserFactory())
    assert client.get("/admin/account/").status_code == 403
