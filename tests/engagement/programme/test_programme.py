"""Programme management: scores, heat map, overdue reviews, benefit progress, raising a risk to
an issue and an action, board reports frozen when written, advisory-group responses through
the shared PointResponse, and the permission matrix for projects, registers and reports."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Action,
    Benefit,
    Consultation,
    PointResponse,
    ProgrammeRole,
    Project,
    RegisterItem,
)
from engagement.programme import services
from tests import factories as f

pytestmark = pytest.mark.django_db


def risk(programme, likelihood, impact, **kwargs):
    return RegisterItem.objects.create(
        programme=programme,
        kind=RegisterItem.RISK,
        title=kwargs.pop("title", f"Risk {likelihood}x{impact}"),
        likelihood=likelihood,
        impact=impact,
        **kwargs,
    )


def test_risk_scores_and_ratings():
    programme = f.make_programme()
    assert risk(programme, 5, 5).score == 25 and risk(programme, 5, 5).rating == "High"
    assert risk(programme, 3, 3).rating == "Medium" and risk(programme, 2, 3).rating == "Low"
    issue = RegisterItem.objects.create(
        programme=programme, kind=RegisterItem.ISSUE, title="It happened", impact=4
    )
    assert issue.score is None and issue.rating == ""


def test_heat_map_counts_open_risks_only():
    programme = f.make_programme()
    risk(programme, 4, 5)
    risk(programme, 4, 5)
    risk(programme, 1, 1)
    risk(programme, 4, 5, status=RegisterItem.CLOSED)
    RegisterItem.objects.create(programme=programme, kind=RegisterItem.ISSUE, title="x", impact=5)
    grid = services.heat_map(programme.register.all())
    cells = {(row["impact"], c["likelihood"]): c for row in grid for c in row["cells"]}
    assert cells[(5, 4)]["count"] == 2 and cells[(5, 4)]["band"] == "high"
    assert cells[(1, 1)]["count"] == 1 and cells[(1, 1)]["band"] == "low"
    assert sum(c["count"] for c in cells.values()) == 3
    assert [row["impact"] for row in grid] == [5, 4, 3, 2, 1]


def test_overdue_reviews():
    programme = f.make_programme()
    today = datetime.date(2027, 3, 10)
    late = risk(programme, 2, 2, review_on=datetime.date(2027, 3, 9))
    risk(programme, 2, 2, review_on=today)
    risk(programme, 2, 2, review_on=datetime.date(2027, 1, 1), status=RegisterItem.CLOSED)
    assert list(services.overdue(programme.register.all(), today)) == [late]
    assert late.is_overdue(today)


def test_benefit_progress_against_target():
    programme = f.make_programme()
    up = Benefit(programme=programme, title="b", baseline=2, target=30, current=Decimal(16))
    assert up.progress == 50
    down = Benefit(programme=programme, title="d", baseline=42, target=14, current=Decimal(35))
    assert down.progress == 25  # a benefit can be a fall (days waiting)
    assert Benefit(programme=programme, title="x", baseline=1, target=5).progress is None
    over = Benefit(programme=programme, title="o", baseline=0, target=10, current=Decimal(12))
    assert over.progress == 100


def test_raise_risk_to_issue_then_action_and_board_report(client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    r = risk(programme, 4, 4, title="Staff too busy", owner=staff)
    client.force_login(staff)
    client.post(reverse("programme:register_raise", args=[programme.slug, r.pk]))
    r.refresh_from_db()
    issue = RegisterItem.objects.get(kind=RegisterItem.ISSUE)
    assert r.status == RegisterItem.CLOSED and issue.raised_from == r and issue.owner == staff
    url = reverse("programme:register_action", args=[programme.slug, issue.pk])
    assert client.post(url, {"title": ""}).status_code == 400
    client.post(url, {"locality": locality.pk, "title": "Protect training time"})
    action = Action.objects.get()
    assert action.source == issue and action.locality == locality

    report_url = reverse("programme:board_report_new", args=[programme.slug])
    refused = client.post(report_url, {"title": "Q1"})
    assert refused.status_code == 400 and "Write the executive summary" in refused.content.decode()
    client.post(
        report_url,
        {
            "title": "Q1",
            "period": "Jan to Mar",
            "executive_summary": "All well.",
            "decisions_needed": "Agree A\nAgree B",
        },
    )
    report = programme.board_reports.get()
    risk(programme, 5, 5, title="A new risk after the report")
    page = client.get(reverse("programme:board_report", args=[programme.slug, report.pk]))
    html = page.content.decode()
    assert "All well." in html and "Agree B" in html
    assert "A new risk after the report" not in html  # the report keeps its day's state
    assert report.snapshot["open_issues"] == 1


def test_advisory_group_responses_use_the_shared_response_model(client):
    programme = f.make_programme()
    staff = f.add_programme_role(programme, ProgrammeRole.TEAM)
    consultation = Consultation.objects.create(
        programme=programme, group="Advisory group", held_on=timezone.localdate(), public=False
    )
    client.force_login(staff)
    url = reverse("programme:consultation", args=[programme.slug, consultation.pk])
    client.post(url, {"form": "point", "raised": "Letters are too long."})
    point = consultation.points.get()
    respond = reverse("programme:point_respond", args=[programme.slug, consultation.pk, point.pk])
    client.post(respond, {"decision": "accepted", "what_changed": "One-page letters now."})
    response = PointResponse.objects.get()
    assert response.point == point and response.answer is None
    public = reverse("you_said_public", args=[programme.slug, consultation.pk])
    client.logout()
    assert client.get(public).status_code == 404  # not published
    Consultation.objects.filter(pk=consultation.pk).update(public=True)
    page = client.get(public).content.decode()
    assert "Letters are too long." in page and "One-page letters now." in page
    # A programme made private (a password on its page): its public pages go with it.
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=programme, restriction_type=PageViewRestriction.PASSWORD, password="hush"
    )
    assert client.get(public).status_code == 404
    restriction.delete()
    assert client.get(public).status_code == 200
    with pytest.raises(IntegrityError):
        PointResponse.objects.create(decision="accepted")  # must answer exactly one thing


# --- Who may do what ---------------------------------------------------------------------

OPERATIONS = [
    "overview",
    "dossier",
    "project_view",
    "project_edit",
    "other_project_view",
    "project_new",
    "register",
    "register_new_programme",
    "register_new_own_project",
    "register_edit_own_project_item",
    "register_edit_programme_item",
    "stakeholders",
    "reports",
    "report_view",
    "report_new",
]
READ = {"overview", "dossier", "project_view", "other_project_view", "register"}
READ |= {"stakeholders", "reports", "report_view"}
ALLOWED = {
    "programme_admin": set(OPERATIONS),
    "programme_team": set(OPERATIONS),
    "board_member": READ,
    "project_manager": {
        "dossier",
        "project_view",
        "project_edit",
        "register_new_own_project",
        "register_edit_own_project_item",
    },
    "locality_lead": {"dossier", "project_view"},
    "locality_member": set(),
    "other_programme_admin": set(),
    "expert_by_experience": set(),
    "signed_in_public": set(),
    "anonymous": set(),
}


@pytest.fixture
def mgmt():
    p1, p2 = f.make_programme(), f.make_programme()
    loc = f.make_locality(p1)
    users = {
        "programme_admin": f.add_programme_role(p1, ProgrammeRole.ADMIN),
        "programme_team": f.add_programme_role(p1, ProgrammeRole.TEAM),
        "board_member": f.add_programme_role(p1, ProgrammeRole.BOARD),
        "project_manager": f.UserFactory(),
        "locality_lead": f.add_member(loc, lead=True),
        "locality_member": f.add_member(loc),
        "other_programme_admin": f.add_programme_role(p2, ProgrammeRole.ADMIN),
        "expert_by_experience": f.add_programme_role(p1, ProgrammeRole.EXPERT),
        "signed_in_public": f.UserFactory(),
        "anonymous": None,
    }
    own = Project.objects.create(
        programme=p1,
        title="Own project",
        purpose="p",
        manager=users["project_manager"],
        locality=loc,
    )
    other = Project.objects.create(programme=p1, title="Someone else's project", purpose="p")
    own_item = risk(p1, 2, 2, project=own, title="Own project risk")
    programme_item = risk(p1, 3, 3, title="Programme risk")
    report = services.write_board_report(
        p1, by=None, title="R", period="P", executive_summary="S", decisions_needed=""
    )
    return {
        "p": p1,
        "users": users,
        "own": own,
        "other": other,
        "own_item": own_item,
        "programme_item": programme_item,
        "report": report,
    }


def can(client, op, m) -> bool:
    p = m["p"].slug
    gets = {
        "overview": reverse("programme:overview", args=[p]),
        "dossier": reverse("programme:projects", args=[p]),
        "project_view": reverse("programme:project", args=[p, m["own"].pk]),
        "project_edit": reverse("programme:project_edit", args=[p, m["own"].pk]),
        "other_project_view": reverse("programme:project", args=[p, m["other"].pk]),
        "project_new": reverse("programme:project_new", args=[p]),
        "register": reverse("programme:register", args=[p]),
        "register_new_programme": reverse("programme:register_new", args=[p]),
        "register_new_own_project": reverse("programme:register_new", args=[p])
        + f"?project={m['own'].pk}",
        "register_edit_own_project_item": reverse(
            "programme:register_edit", args=[p, m["own_item"].pk]
        ),
        "register_edit_programme_item": reverse(
            "programme:register_edit", args=[p, m["programme_item"].pk]
        ),
        "stakeholders": reverse("programme:stakeholders", args=[p]),
        "reports": reverse("programme:board_reports", args=[p]),
        "report_view": reverse("programme:board_report", args=[p, m["report"].pk]),
        "report_new": reverse("programme:board_report_new", args=[p]),
    }
    response = client.get(gets[op])
    return response.status_code == 200


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_management_permission_matrix(mgmt, client, role):
    user = mgmt["users"][role]
    if user is not None:
        client.force_login(user)
    for op in OPERATIONS:
        assert can(client, op, mgmt) is (op in ALLOWED[role]), (role, op)


def test_project_manager_cannot_move_their_risk_to_another_project(mgmt, client):
    client.force_login(mgmt["users"]["project_manager"])
    url = reverse("programme:register_edit", args=[mgmt["p"].slug, mgmt["own_item"].pk])
    response = client.post(
        url,
        {
            "kind": "risk",
            "title": "Moved",
            "likelihood": 2,
            "impact": 2,
            "status": "open",
            "project": mgmt["other"].pk,
        },
    )
    assert response.status_code == 400
    mgmt["own_item"].refresh_from_db()
    assert mgmt["own_item"].project == mgmt["own"]


def test_a_project_manager_edits_their_project_but_not_who_manages_it_or_where(mgmt, client):
    """Who manages a project and its locality decide who reads it and its register: the
    manager's form does not offer them, and a post naming them changes neither."""
    import re

    project = mgmt["own"]
    manager, locality = project.manager, project.locality
    client.force_login(mgmt["users"]["project_manager"])
    url = reverse("programme:project_edit", args=[mgmt["p"].slug, project.pk])
    form = client.get(url).content.decode()
    assert 'name="manager"' not in form and 'name="locality"' not in form
    other = f.make_locality(mgmt["p"])
    answer = client.post(
        url,
        {
            "title": "Own project, renamed",
            "purpose": "p",
            "status": project.status,
            "manager": mgmt["users"]["locality_lead"].pk,
            "locality": other.pk,
            "opened_as": re.search(r'name="opened_as" value="([^"]*)"', form)[1],
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    project.refresh_from_db()
    assert project.title == "Own project, renamed"
    assert project.manager == manager and project.locality == locality
    client.force_login(mgmt["users"]["programme_admin"])
    form = client.get(url).content.decode()
    assert 'name="manager"' in form and 'name="locality"' in form


def test_dossier_shows_a_locality_lead_only_their_localitys_projects(mgmt, client):
    client.force_login(mgmt["users"]["locality_lead"])
    page = client.get(reverse("programme:projects", args=[mgmt["p"].slug])).content.decode()
    assert "Own project" in page and "Someone else&#x27;s project" not in page


@pytest.mark.parametrize(
    "role, edits",
    [
        ("programme_admin", 2),
        ("board_member", 0),  # reads the register, changes nothing
        ("project_manager", 1),  # their own project's risk only
    ],
)
def test_the_register_offers_only_the_changes_a_person_may_make(mgmt, client, role, edits):
    """Every link and button on the register and project pages that changes an entry opens
    for the person shown it: a reader is not sent to "Page not found"."""
    import re

    client.force_login(mgmt["users"][role])
    p = mgmt["p"].slug
    offered = set()
    for url in (
        reverse("programme:register", args=[p]),
        reverse("programme:project", args=[p, mgmt["own"].pk]),
    ):
        answer = client.get(url)
        if answer.status_code != 200:
            continue
        page = answer.content.decode()
        offered |= set(re.findall(rf"/workspace/programme/{p}/register/\d+/(?:\w+/)?", page))
        assert "Own project risk" in page
    assert len({re.search(r"/register/(\d+)/", u).group(1) for u in offered}) == edits
    for url in offered:
        opened = client.post(url) if url.endswith("/raise/") else client.get(url)
        assert opened.status_code in (200, 302), url


def test_a_project_manager_is_led_back_to_their_project_not_the_register(mgmt, client):
    """They do not read the whole register: its screens' way back and their redirect go to
    the project page, which opens for them."""
    manager = mgmt["users"]["project_manager"]
    client.force_login(manager)
    p = mgmt["p"].slug
    raised = client.post(reverse("programme:register_raise", args=[p, mgmt["own_item"].pk]))
    issue = RegisterItem.objects.get(kind=RegisterItem.ISSUE, project=mgmt["own"])
    url = reverse("programme:register_action", args=[p, issue.pk])
    form = client.get(url).content.decode()
    project_page = reverse("programme:project", args=[p, mgmt["own"].pk])
    assert f'href="{project_page}"' in form
    locality = mgmt["own"].locality
    f.add_member(locality, user=manager)  # so they may add to its list of actions
    done = client.post(url, {"title": "Find a cheaper insurer", "locality": locality.pk})
    assert done.status_code == 302 and done["Location"] == project_page
    assert client.get(done["Location"]).status_code == 200
    assert raised.status_code == 302 and client.get(raised["Location"]).status_code == 200


def test_a_save_after_someone_elses_is_sent_back_not_written_over(client):
    """Two tabs on one stakeholder: the second save is sent back with what was typed kept
    and the first save's words intact; saving again then goes ahead."""
    from engagement.models import Stakeholder

    programme = f.make_programme()
    staff = f.add_programme_role(programme, ProgrammeRole.ADMIN)
    held = Stakeholder.objects.create(programme=programme, name="Carers' forum", notes="")
    client.force_login(staff)
    url = reverse("programme:stakeholder_edit", args=[programme.slug, held.pk])
    opened_as = client.get(url).context["form"]["opened_as"].value()
    base = {"name": "Carers' forum", "interest": 3, "influence": 3, "opened_as": opened_as}
    first = client.post(url, {**base, "group": "Carers", "notes": "Meets monthly"})
    assert first.status_code == 302
    second = client.post(url, {**base, "group": "Voluntary sector", "notes": ""})
    html = second.content.decode()
    assert second.status_code == 400 and "Someone else saved changes to this" in html
    assert 'value="Voluntary sector"' in html
    held.refresh_from_db()
    assert (held.group, held.notes) == ("Carers", "Meets monthly")
    again = second.context["form"]["opened_as"].value()
    third = client.post(url, {**base, "opened_as": again, "group": "Voluntary sector"})
    assert third.status_code == 302
    held.refresh_from_db()
    assert held.group == "Voluntary sector"
