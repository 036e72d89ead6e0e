"""A programme coordinator creates a programme in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from engagement.models import ProgrammePage
from tests import factories as f


def programme_form(phases):
    return nested_form_data(
        {
            "title": "Better Days",
            "slug": "better-days",
            "purpose": "Help older people plan their own support.",
            "description": rich_text("<p>A test programme.</p>"),
            "phases": inline_formset(phases),
            "milestones": inline_formset(
                [
                    {
                        "title": "People on a personal budget",
                        "description": "",
                        "unit": "%",
                        "baseline": "4",
                        "target": "10",
                        "due_date": "2027-03-31",
                    }
                ]
            ),
            "partners": inline_formset([{"name": "Fictional Trust", "kind": "funder", "url": ""}]),
            "action-publish": "publish",
        }
    )


@pytest.fixture
def admin_client(db, client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    return client


def add_url():
    return reverse("wagtailadmin_pages:add", args=["engagement", "programmepage", f.home_page().pk])


def test_coordinator_creates_programme_with_phases_milestones_and_partners(admin_client):
    response = admin_client.post(
        add_url(),
        programme_form(
            [
                {
                    "name": "Finding out",
                    "purpose": "",
                    "start_date": "2026-04-01",
                    "end_date": "2026-05-31",
                },
                {
                    "name": "Making it happen",
                    "purpose": "",
                    "start_date": "2026-06-01",
                    "end_date": "2027-05-31",
                },
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = ProgrammePage.objects.get(slug="better-days")
    assert programme.live
    assert [p.name for p in programme.phases.all()] == ["Finding out", "Making it happen"]
    assert programme.milestones.get().target == 10
    assert programme.partners.get().kind == "funder"


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            {
                "name": "Earlier",
                "purpose": "",
                "start_date": "2026-04-01",
                "end_date": "2026-05-01",
            },
            "starts before “Later”",
        ),
        (
            {
                "name": "Backwards",
                "purpose": "",
                "start_date": "2026-09-01",
                "end_date": "2026-08-01",
            },
            "The end date must be on or after the start date",
        ),
    ],
)
def test_phases_out_of_order_or_backwards_are_refused(admin_client, second, message):
    first = {"name": "Later", "purpose": "", "start_date": "2026-06-01", "end_date": "2026-07-31"}
    response = admin_client.post(add_url(), programme_form([first, second]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgrammePage.objects.filter(slug="better-days").exists()


def test_the_programmes_own_words_are_checked_and_tidied(admin_client):
    phases = [
        {"name": "Finding out", "purpose": "", "start_date": "2026-04-01", "end_date": "2026-05-31"}
    ]
    long_kind = "K" * 90
    data = programme_form(phases)
    data.update(
        {
            "locality_kinds": f"Partner authority\n{long_kind}",
            "storyteller_kinds": "A family carer\nstaff\n  Staff  \nA family carer",
            "storyteller_strengths": "Real work",
            "progress_tags": "Employment\n employment \nPooled budgets",
        }
    )
    refused = admin_client.post(add_url(), data)
    assert refused.status_code == 200
    assert "is 90 characters long. Keep each line to 80 characters or fewer" in (
        refused.content.decode()
    )
    assert not ProgrammePage.objects.filter(slug="better-days").exists()
    data["locality_kinds"] = (
        "Partner authority\npartner  authority\nHealth and social care partnership"
    )
    assert admin_client.post(add_url(), data).status_code == 302
    programme = ProgrammePage.objects.get(slug="better-days")
    assert programme.kinds() == ["Partner authority", "Health and social care partnership"]
    assert programme.tellers() == ["A family carer", "staff"]
    assert programme.own_tags() == ["Employment", "Pooled budgets"]


def test_the_safeguarding_lead_is_chosen_from_the_programmes_own_staff(admin_client):
    """The programme page's form lists its admins and team only, so an editor never reads the
    name of every account holder."""
    from engagement.models import ProgrammeRole

    programme = f.make_programme()
    team = f.add_programme_role(programme, ProgrammeRole.TEAM)
    expert = f.add_programme_role(programme, ProgrammeRole.EXPERT)
    stranger = f.UserFactory(first_name="Unrelated", last_name="Person")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))
    field = edit.context["form"].fields["safeguarding_lead"]
    assert team in field.queryset
    assert expert not in field.queryset and stranger not in field.queryset
    assert "Unrelated Person" not in edit.content.decode()
    ProgrammePage.objects.filter(pk=programme.pk).update(safeguarding_lead=stranger)
    kept = admin_client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))
    assert stranger in kept.context["form"].fields["safeguarding_lead"].queryset  # kept as it was
