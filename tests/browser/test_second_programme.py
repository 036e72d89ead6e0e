"""A new programme set up by its admin, in a real browser: two localities made in the admin,
a team invited from a CSV file, people joining through their links, a task-and-finish group
with members from both localities, an invite-only residential, and the group's space read by
a member and refused to someone outside it. Every page a person meets is scanned by axe."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import fill_date, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "email,first name,last name,locality,role,lead\n"
    "amira.cole@example.org,Amira,Cole,Ferndale,Commissioner,yes\n"
    "ben.ode@example.org,Ben,Ode,Kirkby Vale,Person who uses services,no\n"
    "carl.penn@example.org,Carl,Penn,Kirkby Vale,Carer,no\n"
    "not-an-address,Dee,Lane,Ferndale,Carer,no\n"
    "eve.moss@example.org,Eve,Moss,Atlantis,Carer,no\n"
)


def _publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


def _link_for(email):
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    # The path only: the tests' SITE_URL is not the live server's address.
    return re.search(r"https?://[^/\s]+(/workspace/invitations/\S+/)", message.body)[1]


def _join(browser, base, email, first, axe):
    """The invited person opens their link in their own browser and makes their account."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + _link_for(email))
    expect(page.get_by_role("heading", level=1)).to_contain_text("You are invited to join")
    expect(page.get_by_label("First name")).to_have_value(first)
    axe(page, "invitation sign-up")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("different")
    page.get_by_role("button", name="Make my account and join").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value(first)
    page.get_by_label("Choose a password").fill("a long and steady password")
    page.get_by_label("Type the password again").fill("a long and steady password")
    page.get_by_role("button", name="Make my account and join").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    return context, page


def test_admin_sets_up_a_programme_invites_a_team_and_runs_a_group(
    live_server, page, browser, demo, axe, tmp_path
):
    from engagement.models import LocalityPage, ProgrammePage
    from events.models import EventPage
    from site_content.models import HomePage

    base = live_server.url
    sign_in(page, base, "admin@example.org")

    # The programme, in its own words, then two localities of it.
    home = HomePage.objects.get()
    page.goto(f"{base}/admin/pages/add/engagement/programmepage/{home.pk}/")
    page.locator("#id_title").fill("Shared Lives Pilot")
    page.locator("#id_purpose").fill("Two councils try shared lives with the people in it.")
    page.locator("#id_locality_kinds").fill("Partner authority\nHealth board")
    _publish(page)
    expect(page.get_by_text("'Shared Lives Pilot' created and published")).to_be_visible()
    programme = ProgrammePage.objects.get(title="Shared Lives Pilot")
    for title, kind in (("Ferndale", "Partner authority"), ("Kirkby Vale", "Health board")):
        page.goto(f"{base}/admin/pages/add/engagement/localitypage/{programme.pk}/")
        page.locator("#id_title").fill(title)
        page.locator("#id_summary").fill(f"{title} shared lives.")
        page.locator("#id_kind").select_option(label=kind)
        _publish(page)
        expect(page.get_by_text(f"'{title}' created and published")).to_be_visible()
    assert LocalityPage.objects.filter(programme=programme).count() == 2

    # A team from a CSV file: each row gets its answer; the good rows are done.
    csv_file = tmp_path / "team.csv"
    csv_file.write_text(CSV)
    page.goto(f"{base}/workspace/programme/{programme.slug}/invite/")
    axe(page, "invite from a CSV file")
    page.get_by_label("The CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("status")).to_have_text("3 of 5 invited.")
    expect(page.get_by_text("“not-an-address” is not an email address.")).to_be_visible()
    expect(page.get_by_text("There is no locality called “Atlantis”")).to_be_visible()
    axe(page, "CSV report")

    amira_context, amira = _join(browser, base, "amira.cole@example.org", "Amira", axe)
    ben_context, ben = _join(browser, base, "ben.ode@example.org", "Ben", axe)
    expect(ben.get_by_role("heading", level=1)).to_have_text("Kirkby Vale workspace")

    # The lead sees her team; she may invite members but cannot make a lead.
    amira.goto(f"{base}/workspace/ferndale/team/")
    expect(amira.get_by_text("Amira Cole")).to_be_visible()
    expect(amira.get_by_label("Make them a locality lead")).to_have_count(0)
    axe(amira, "team and invitations")

    # A task-and-finish group with members from both localities.
    page.goto(f"{base}/workspace/programme/{programme.slug}/groups/new/")
    axe(page, "start a group")
    page.get_by_label("Name of the group").fill("Matching and safety")
    page.get_by_label("Task-and-finish group").check()
    page.get_by_label("What the group is for").fill(
        "Agree how carers and people are matched safely."
    )
    fill_date(page, "Start date", "2026-12-01")
    page.get_by_role("button", name="Start the group").click()
    expect(page.get_by_text("Matching and safety has been set up")).to_be_visible()
    axe(page, "group members")
    for name, role in (("Amira Cole", "Convener"), ("Ben Ode", "Member")):
        page.get_by_label("Person").select_option(label=name)
        page.get_by_label("Role", exact=True).first.select_option(label=role)
        page.get_by_role("button", name="Add to the group").click()
        expect(page.get_by_text(f"{name} is now in Matching and safety")).to_be_visible()
    expect(page.get_by_role("cell", name="Ferndale")).to_be_visible()
    expect(page.get_by_role("cell", name="Kirkby Vale")).to_be_visible()

    # An invite-only residential for the group.
    event = EventPage(
        title="Shared lives residential",
        kind="residential",
        purpose="Two days to design matching together.",
        starts_at=programme.first_published_at + datetime.timedelta(days=30),
        ends_at=programme.first_published_at + datetime.timedelta(days=32),
        venue="Ferndale Hall",
        capacity=20,
        open_to=EventPage.INVITED,
        invited_emails="amira.cole@example.org\nben.ode@example.org",
    )
    programme.add_child(instance=event)
    event.save_revision().publish()
    ben.goto(f"{base}/events/{event.pk}/register/")
    expect(ben.get_by_role("heading", level=1)).to_contain_text("Shared lives residential")
    expect(ben.get_by_role("button", name="Register")).to_be_visible()

    # The group's space: a member reads it and writes in it; someone outside is refused.
    ben.goto(f"{base}/workspace/")
    ben.get_by_role("link", name="Matching and safety").click()
    expect(ben.get_by_text("Agree how carers and people are matched safely.")).to_be_visible()
    ben.get_by_label("What happened").fill("First meeting: we listed what a good match needs.")
    ben.get_by_role("button", name="Add to the log").click()
    expect(ben.get_by_text("Added to the group's log.")).to_be_visible()
    group_url = ben.url

    # The group's own actions: an empty title is refused with what was typed kept, then the
    # action goes on the group's list with a member of the other locality as its owner.
    ben.get_by_role("link", name="Add an action").click()
    ben.get_by_label("More detail (optional)").fill("Ask two carers what worked for them.")
    ben.get_by_role("button", name="Save the action").click()
    expect(ben.get_by_role("link", name="Enter what will be done")).to_be_visible()
    expect(ben.get_by_label("More detail (optional)")).to_have_value(
        "Ask two carers what worked for them."
    )
    axe(ben, "add a group action, with an error")
    ben.get_by_label("What will be done").fill("Draft the matching checklist")
    ben.get_by_label("Who will do it (optional)").select_option(label="Amira Cole")
    ben.get_by_role("button", name="Save the action").click()
    expect(
        ben.get_by_text("The action “Draft the matching checklist” has been saved.")
    ).to_be_visible()
    expect(ben.get_by_role("cell", name="Amira Cole")).to_be_visible()
    axe(ben, "group space with its log and actions")
    ben.get_by_role("button", name="Mark done “Draft the matching checklist”").click()
    expect(ben.get_by_text("“Draft the matching checklist” is now done.")).to_be_visible()
    expect(ben.get_by_role("cell", name="Done", exact=True)).to_be_visible()

    outsider_context, outsider = _join(browser, base, "carl.penn@example.org", "Carl", axe)
    outsider.goto(group_url)
    expect(outsider.get_by_text("we listed what a good match needs")).to_have_count(0)
    expect(outsider.get_by_role("heading", level=1)).to_contain_text("not found")
    outsider.goto(f"{base}/events/{event.pk}/register/")
    outsider.get_by_label("Your name").fill("Carl Penn")
    outsider.get_by_label("Email address").fill("carl.penn@example.org")
    outsider.get_by_role("radio").first.check()
    for day in outsider.locator("input[name=days]").all():  # a three-day residential
        day.check()
    outsider.get_by_role("button", name="Register").click()
    expect(outsider.get_by_text("this email address is not on the list")).to_be_visible()
    assert not event.registrations.exists()

    # The convener closes the group with its report.
    amira.goto(group_url + "close/")
    axe(amira, "close the group")
    amira.get_by_label("Closing report").fill("A good match starts with a long visit.")
    amira.get_by_role("button", name="Close the group").click()
    expect(amira.get_by_text("is closed. Its space stays readable.")).to_be_visible()
    for context in (amira_context, ben_context, outsider_context):
        context.close()


def test_the_second_demo_programme_pages_pass_axe(live_server, page, demo, axe):
    from django.utils import timezone

    from engagement.models import GroupMembership, Invitation, WorkingGroup
    from engagement.people import services

    base = live_server.url
    sign_in(page, base, "days.admin@example.org")
    page.goto(f"{base}/workspace/")
    page.get_by_role("link", name="Employment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employment")
    expect(
        page.get_by_role("cell", name="Map who already employs someone we support", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Overdue")).to_be_visible()
    axe(page, "a demo group's space, with its actions")
    page.goto(f"{base}/workspace/programme/day-services-together/groups/")
    expect(page.get_by_role("link", name="Developing community organisations")).to_be_visible()
    axe(page, "list of groups")
    employment = WorkingGroup.objects.get(name="Employment")
    page.goto(f"{base}/workspace/groups/{employment.pk}/edit/")
    fill_date(page, "End date", "2020-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="The end date must be on or after")).to_be_visible()
    axe(page, "change a group, with an error")
    member = GroupMembership.objects.filter(group=employment, role="member").first()
    page.goto(f"{base}/workspace/groups/{employment.pk}/members/{member.pk}/remove/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove")
    axe(page, "remove someone")
    page.goto(f"{base}/workspace/northfold/team/")
    expect(
        page.get_by_role("button", name="Withdraw the invitation to rob.tennant")
    ).to_be_visible()
    axe(page, "team with invitations waiting")

    # An invitation that has ended says so, and what to do.
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(email="days.admin@example.org")
    services.invite(by=admin, place=employment, email="late.comer@example.org", role="member")
    Invitation.objects.filter(email="late.comer@example.org").update(expires_at=timezone.now())
    link = _link_for("late.comer@example.org")
    page.context.clear_cookies()
    page.goto(base + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation has ended")
    axe(page, "an invitation that has ended")


def test_priorities_and_the_programmes_own_tags_in_a_browser(live_server, page, demo, axe):
    from engagement.models import Priority

    base = live_server.url
    sign_in(page, base, "lead@northfold.example.org")
    page.goto(f"{base}/workspace/northfold/priorities/")
    expect(
        page.get_by_role("heading", name="Paid work for ten people who want it.")
    ).to_be_visible()
    axe(page, "priorities")
    page.get_by_role("link", name="Add a priority").click()
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_role("link", name="Enter the priority")).to_be_visible()
    axe(page, "add a priority, with an error")
    page.get_by_label("The priority", exact=True).fill("Shared transport to the new groups")
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_text("has been saved")).to_be_visible()
    assert Priority.objects.filter(title="Shared transport to the new groups").exists()

    # Removing a priority asks first, and says what stays.
    page.get_by_role("link", name="Change the priority Shared transport to the new groups").click()
    page.get_by_role("link", name="Remove this priority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove the priority “Shared transport to the new groups”?"
    )
    expect(page.get_by_text("No actions are linked to it.")).to_be_visible()
    axe(page, "remove a priority")
    page.get_by_role("button", name="Yes, remove the priority").click()
    expect(page.get_by_text("has been removed")).to_be_visible()
    assert not Priority.objects.filter(title="Shared transport to the new groups").exists()

    # Day Services Together's own tags on the progress entry form.
    page.goto(f"{base}/workspace/northfold/log/new/")
    expect(page.get_by_label("Pooled budgets")).to_be_visible()
    expect(page.get_by_text("Steps of self-directed support")).to_have_count(0)
    axe(page, "progress entry with the programme's own tags")
