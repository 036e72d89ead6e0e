"""Every role x every workspace page and action x own and other locality, each cell asserted.

Allowed means the page or action works. Refused means 403 or 404 for a signed-in person, or a
redirect to sign in for an anonymous one; never the data.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from engagement.models import Action, EntryAttachment, ProgrammeRole, ProgressEntry
from tests import factories as f

SECRET = "Only-this-locality-should-read-this"

OPERATIONS = [
    "home",
    "plan_get",
    "plan_post",
    "log",
    "entry_view",
    "draft_view",
    "entry_edit_other",
    "entry_new_get",
    "entry_new_post",
    "attachment",
    "actions",
    "action_new",
    "action_status",
    "milestones_get",
    "milestones_post",
    "dashboard",
    "dashboard_csv",
]
ALL = set(OPERATIONS)
WORKSPACE = ALL - {"dashboard", "dashboard_csv"}

# What each role may do in its own locality (or own programme). Everything else is refused,
# and nothing at all is allowed in the other locality or programme.
ALLOWED_OWN = {
    "programme_admin": ALL - {"entry_new_get", "entry_new_post"},
    "programme_team": {
        "home",
        "log",
        "entry_view",
        "attachment",
        "actions",
        "action_new",
        "action_status",
        "milestones_get",
        "dashboard",
        "dashboard_csv",
    },
    # Reads every locality's plans, logs and figures and the dashboard; changes nothing.
    "evaluator": {
        "home",
        "log",
        "entry_view",
        "attachment",
        "actions",
        "milestones_get",
        "dashboard",
        "dashboard_csv",
    },
    "locality_lead": WORKSPACE,
    "locality_member": WORKSPACE - {"draft_view", "entry_edit_other"},
    "expert_by_experience": set(),
    "signed_in_public": set(),
    "anonymous": set(),
}


@pytest.fixture
def world(db):
    """Programme P1 with localities A and B; programme P2 with locality C."""
    p1, p2 = f.make_programme(), f.make_programme()
    a, b, c = f.make_locality(p1), f.make_locality(p1), f.make_locality(p2)
    records = {}
    for loc in (a, b, c):
        author = f.add_member(loc, role="provider")
        f.add_member(loc, role="carer")
        entry = f.make_entry(loc, author, what_we_did=f"{SECRET} {loc.slug}")
        draft = f.make_entry(loc, author, status=ProgressEntry.DRAFT, what_we_did=f"{SECRET} draft")
        att = EntryAttachment(entry=entry, original_name="notes.txt", size=5)
        att.file.save("notes.txt", ContentFile(b"hello"), save=True)
        action = f.make_action(loc, title=f"{SECRET} action")
        records[loc.pk] = {"entry": entry, "draft": draft, "attachment": att, "action": action}
    return {"p1": p1, "p2": p2, "a": a, "b": b, "c": c, "records": records}


def person_for(role, world):
    a, p1 = world["a"], world["p1"]
    if role == "anonymous":
        return None
    if role == "programme_admin":
        return f.add_programme_role(p1, ProgrammeRole.ADMIN)
    if role == "programme_team":
        return f.add_programme_role(p1, ProgrammeRole.TEAM)
    if role == "evaluator":
        return f.add_programme_role(p1, ProgrammeRole.EVALUATOR)
    if role == "expert_by_experience":
        return f.add_programme_role(p1, ProgrammeRole.EXPERT)
    if role == "locality_lead":
        return f.add_member(a, role="commissioner", lead=True)
    if role == "locality_member":
        return f.add_member(a, role="carer")
    return f.UserFactory()  # signed-in public


def request_for(op, client, locality, programme, rec):
    slug = locality.slug
    phase = programme.phases.last()
    if op == "home":
        return client.get(reverse("workspace:home", args=[slug]))
    if op == "plan_get":
        return client.get(reverse("workspace:plan", args=[slug]))
    if op == "plan_post":
        from engagement.models import DevelopmentPlan

        plan, _ = DevelopmentPlan.objects.get_or_create(locality=locality)
        return client.post(
            reverse("workspace:plan", args=[slug]),
            {"version": plan.version, "priorities": "New priority", "proposals": ""},
        )
    if op == "log":
        return client.get(reverse("workspace:log", args=[slug]))
    if op == "entry_view":
        return client.get(reverse("workspace:entry", args=[slug, rec["entry"].pk]))
    if op == "draft_view":
        return client.get(reverse("workspace:entry", args=[slug, rec["draft"].pk]))
    if op == "entry_edit_other":
        return client.get(reverse("workspace:entry_edit", args=[slug, rec["entry"].pk]))
    if op == "entry_new_get":
        return client.get(reverse("workspace:entry_new", args=[slug]))
    if op == "entry_new_post":
        return client.post(
            reverse("workspace:entry_new", args=[slug]),
            {
                "entry_date": phase.start_date.isoformat(),
                "phase": phase.pk,
                "what_we_did": "Met the carers group",
                "submit": "1",
            },
        )
    if op == "attachment":
        return client.get(reverse("workspace:attachment", args=[slug, rec["attachment"].pk]))
    if op == "actions":
        return client.get(reverse("workspace:actions", args=[slug]))
    if op == "action_new":
        return client.get(reverse("workspace:action_new", args=[slug]))
    if op == "action_status":
        return client.post(
            reverse("workspace:action_status", args=[slug, rec["action"].pk]), {"status": "done"}
        )
    if op == "milestones_get":
        return client.get(reverse("workspace:milestones", args=[slug]))
    if op == "milestones_post":
        return client.post(
            reverse("workspace:milestones", args=[slug]),
            {
                "milestone": programme.milestones.first().pk,
                "value": "5",
                "reported_on": datetime.date(2026, 9, 1).isoformat(),
            },
        )
    if op == "dashboard":
        return client.get(reverse("workspace:dashboard", args=[programme.slug]))
    if op == "dashboard_csv":
        return client.get(reverse("workspace:dashboard_csv", args=[programme.slug]))
    raise AssertionError(op)


def outcome(response) -> str:
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "refused"
    if response.status_code in (200, 302):
        return "allowed"
    return f"unexpected {response.status_code}"


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("role", list(ALLOWED_OWN))
def test_permission_matrix(role, world, client):
    user = person_for(role, world)
    if user is not None:
        client.force_login(user)
    own_locality = world["a"]
    programme_wide = role.startswith("programme") or role == "evaluator"
    other_locality = world["c"] if programme_wide else world["b"]
    cells = []
    for where, locality in (("own", own_locality), ("other", other_locality)):
        programme = world["p1"] if locality.programme_id == world["p1"].pk else world["p2"]
        rec = world["records"][locality.pk]
        for op in OPERATIONS:
            response = request_for(op, client, locality, programme, rec)
            expected = "allowed" if where == "own" and op in ALLOWED_OWN[role] else "refused"
            got = outcome(response)
            cells.append((where, op, expected, got))
            if got == "refused":
                assert SECRET.encode() not in body(response), (where, op)
    wrong = [c for c in cells if c[2] != c[3]]
    assert wrong == [], f"{role}: cells that differ (where, op, expected, got): {wrong}"
    assert len(cells) == 2 * len(OPERATIONS)


@pytest.mark.django_db
def test_status_change_by_refused_user_changes_nothing(world, client):
    client.force_login(f.UserFactory())
    action = world["records"][world["a"].pk]["action"]
    client.post(
        reverse("workspace:action_status", args=[world["a"].slug, action.pk]), {"status": "done"}
    )
    action.refresh_from_db()
    assert action.status == Action.OPEN


@pytest.mark.django_db
def test_attachments_are_not_under_the_public_media_url(world, settings):
    att = world["records"][world["a"].pk]["attachment"]
    assert not att.file.path.startswith(str(settings.MEDIA_ROOT))
    assert att.file.name.startswith("attachments/")
    assert "notes" not in att.file.name  # the stored name cannot be guessed from the upload


def test_the_evaluator_lists_every_locality_and_the_dashboard(world, client):
    evaluator = f.add_programme_role(world["p1"], ProgrammeRole.EVALUATOR)
    client.force_login(evaluator)
    html = client.get(reverse("workspace:index")).content.decode()
    assert world["a"].title in html and world["b"].title in html
    assert world["c"].title not in html  # another programme's
    # Reads a locality's log, but may not add to it or see its drafts.
    log = client.get(reverse("workspace:log", args=[world["a"].slug])).content.decode()
    assert SECRET in log and f"{SECRET} draft" not in log
    assert reverse("workspace:entry_new", args=[world["a"].slug]) not in log
