"""GOV.UK's error summary on every page: one summary, first in the main content (above the h1)
however many forms the page has, linking to each field with an error, and "Error: " before
the page's title."""

import re

import pytest
from django.urls import reverse

from engagement.models import ProgrammeRole, WorkingGroup
from tests import factories as f

from ..events.test_registration import make_event


def assert_one_summary_at_the_top(html, *targets):
    """One summary, the first thing in <main> (so above the h1), linking to each of ``targets``
    (ids that are each on exactly one element of the page), and a title starting "Error: "."""
    assert html.count("data-error-summary") == 1
    assert html.count("There is a problem") == 1
    assert re.search(r'<main[^>]*>\s*<div class="error-summary"', html), "not first in <main>"
    start = html.index("data-error-summary")
    assert start < html.index("<h1")
    summary = html[start : html.index("</div>", start)]
    for target in targets:
        assert f'<a href="#{target}">' in summary
        assert html.count(f'id="{target}"') == 1, target
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1].strip()
    assert title.startswith("Error: ") and not title.startswith("Error: Error:")


def assert_no_summary(html):
    assert "data-error-summary" not in html and "There is a problem" not in html
    assert not re.search(r"<title>\s*Error:", html)


@pytest.fixture
def group_page(db, client):
    programme = f.make_programme()
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs")
    client.force_login(f.add_programme_role(programme, ProgrammeRole.ADMIN))
    return reverse("people:group_members", args=[group.pk])


def test_the_second_of_two_forms_failing_gives_one_summary_above_the_h1(client, group_page):
    """Members of a group: add someone (first form), invite someone (second form, sent
    empty). The summary is not inside the invitation form, half-way down the page."""
    response = client.post(group_page, {"invite": "1", "first_name": "Ola", "email": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert_one_summary_at_the_top(html, "id_email", "id_role_0")
    assert 'value="Ola"' in html  # what was typed is kept


def test_a_page_of_two_forms_without_errors_has_no_summary(client, group_page):
    assert_no_summary(client.get(group_page).content.decode())


def test_the_last_of_three_forms_failing_gives_one_summary_above_the_h1(db, client):
    programme = f.make_programme()
    event = make_event(programme, days_ahead=-3, slug="met", title="Network meeting")
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    response = client.post(
        reverse("events:record", args=[event.pk]),
        {"form": "message", "subject": "", "message": "Use the side gate."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_one_summary_at_the_top(html, "id_subject")
    assert "Use the side gate." in html


def test_a_named_form_failing_on_a_page_of_two_gives_one_summary(db, client):
    """The analysis page names its forms theme_form and proposition_form."""
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    client.force_login(f.add_member(inquiry.locality))
    response = client.post(reverse("inquiries:proposition_add", args=[inquiry.pk]), {"text": ""})
    assert response.status_code == 400
    assert_one_summary_at_the_top(response.content.decode(), "id_text")


def test_a_single_form_page_has_its_summary_above_the_h1(db, client):
    """A workspace page: the section's navigation comes before the h1, the summary before
    both."""
    locality = f.make_locality(f.make_programme())
    client.force_login(f.add_member(locality, role="carer"))
    response = client.post(
        reverse("workspace:entry_new", args=[locality.slug]),
        {"submit": "1", "what_we_learned": "People come when it is near the bus stop"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_one_summary_at_the_top(html, "id_entry_date_0", "id_phase", "id_what_we_did")
    assert "People come when it is near the bus stop" in html


@pytest.mark.parametrize(
    "data, target",
    [({}, "id_login"), ({"login": "lead@example.org", "password": "nope"}, "id_login")],
    ids=["empty", "wrong-password"],
)
def test_an_allauth_page_has_one_summary_above_the_h1(db, client, data, target):
    f.UserFactory(email="lead@example.org")
    response = client.post(reverse("account_login"), data)
    html = response.content.decode()
    assert_one_summary_at_the_top(html, target)
    if data:
        assert 'value="lead@example.org"' in html


def test_an_allauth_page_without_errors_has_no_summary(db, client):
    assert_no_summary(client.get(reverse("account_login")).content.decode())


def test_a_password_link_that_no_longer_works_lists_no_errors_of_a_form_it_does_not_show(
    db, client
):
    """The link ran out while the form was open: the page says so, and has no form to fix."""
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "set-password"})
    html = client.post(url, {"password1": "a", "password2": "b"}, follow=True).content.decode()
    assert "This link does not work" in html
    assert_no_summary(html)
