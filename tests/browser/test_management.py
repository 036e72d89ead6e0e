"""Programme management in a browser: create a project, log a risk, raise it to an issue,
turn it into an action, write the board report; axe on the dossier, a project, the register
(with filters), the report and the stakeholder map."""

import re

import pytest
from playwright.sync_api import expect

from engagement.models import Action, Project, RegisterItem

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_project_risk_issue_action_and_board_report(live_server, page, demo, axe):
    base = live_server.url
    sign_in(page, base, "coordinator@example.org")
    page.goto(f"{base}/workspace/")
    page.get_by_role("link", name=re.compile("projects, risks and reports")).click()
    expect(page.get_by_role("heading", name="Vision")).to_be_visible()
    axe(page, "programme overview")

    page.get_by_role("link", name="Projects", exact=True).click()
    axe(page, "projects dossier")
    page.get_by_role("link", name="Add a project").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "project form with errors")
    page.get_by_label("Project name").fill("Easy Read letters")
    page.get_by_label("Purpose: why the project exists").fill("Letters people can read.")
    page.get_by_label("In delivery").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Easy Read letters")).to_be_visible()
    axe(page, "a project")
    project = Project.objects.get(title="Easy Read letters")

    page.get_by_role("link", name="Log a risk or issue for this project").click()
    page.get_by_label("In a few words").fill("The printer contract ends in March")
    page.get_by_label("4 High").first.check()  # likelihood
    page.locator("#id_impact_4").check()  # impact 5, very high
    page.get_by_role("button", name="Save").click()
    risk = RegisterItem.objects.get(title="The printer contract ends in March")
    assert risk.project == project and risk.score == 20

    page.goto(f"{base}/workspace/programme/living-well-in-later-life/register/?kind=risk")
    expect(page.get_by_role("heading", name="Open risks by likelihood and impact")).to_be_visible()
    axe(page, "register with filters")
    page.get_by_role(
        "button", name="It has happened: raise as an issue (The printer contract ends in March)"
    ).click()
    expect(page.get_by_text("is now an issue")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    issue = RegisterItem.objects.get(kind=RegisterItem.ISSUE, raised_from=risk)
    page.goto(f"{base}/workspace/programme/living-well-in-later-life/register/?kind=issue")
    page.get_by_role(
        "link", name="Turn into an action (The printer contract ends in March)"
    ).click()
    page.get_by_label("Whose action list does it go on?").select_option(label="Ashcombe")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action added to Ashcombe's list")).to_be_visible()
    assert Action.objects.get(source_id=issue.pk).locality.slug == "ashcombe"

    page.get_by_role("link", name="Stakeholders").click()
    expect(page.get_by_role("heading", name="Stakeholder map")).to_be_visible()
    axe(page, "stakeholder map")

    page.get_by_role("link", name="Board reports").click()
    page.get_by_role("link", name="Write a board report").click()
    page.get_by_label("Title").fill("Board report: winter")
    page.get_by_label("Period").fill("December to February")
    page.get_by_label("Executive summary").fill("The letters project has started.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Board report: winter")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Easy Read letters")).to_be_visible()
    axe(page, "board report")


def test_public_you_said_we_did_page(live_server, page, demo, axe):
    from engagement.models import Consultation

    consultation = Consultation.objects.get(public=True)
    page.goto(f"{live_server.url}/you-said-we-did/living-well-in-later-life/{consultation.pk}/")
    expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    axe(page, "advisory group you said we did")
