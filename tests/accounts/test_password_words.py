"""The password messages a person meets say what to do, not what they did wrong."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_signup_password_messages_say_what_to_do(client):
    answer = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "first_name": "Nia",
            "last_name": "Example",
            "password1": "Harbour-lantern-42-quince",
            "password2": "Harbour-lantern-42-quinces",
        },
    )
    html = answer.content.decode()
    assert "The two passwords are not the same. Type the same password in both boxes." in html
    assert "You must type the same password each time" not in html
    assert "This password is too common" not in html
    common = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "first_name": "Nia",
            "last_name": "Example",
            "password1": "password123",
            "password2": "password123",
        },
    )
    assert "Many people use this password, so it is easy to guess" in common.content.decode()
