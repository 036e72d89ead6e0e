"""Stories: every role x every operation x a locality inquiry and a programme-wide one.

Allowed means the page works and shows the data; refused means 403/404 (or a redirect to sign
in) and never the data. Everyone here may open the Wagtail admin, so the moderation cells test
our rule, not Wagtail's."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from engagement import access
from engagement.models import ProgrammeRole, Story
from tests import factories as f

SECRET = "Only-the-team-reads-this-story"
PERSONAL = "secret-teller@example.net"

OPERATIONS = [
    "analysis",
    "story_list",
    "story_detail",
    "story_detail_details",
    "story_add",
    "csv",
    "csv_details",
    "report",
    "letters",
    "moderate",
    "decide_safeguarding",
]
TEAM_WORK = {"analysis", "story_list", "story_detail", "story_add", "csv", "report"}
OWN_TEAM = TEAM_WORK  # the rest of the team reads the stories, not who told them
ORGANISERS = OWN_TEAM | {"story_detail_details", "csv_details", "letters"}
STAFF = ORGANISERS | {"moderate"}

# (role, inquiry) -> allowed operations. Inquiry "local" belongs to locality A; "wide" to the
# whole programme. Everything not listed is refused.
ALLOWED = {
    ("programme_admin", "local"): STAFF,
    ("programme_admin", "wide"): STAFF,
    ("programme_team", "local"): STAFF,
    ("programme_team", "wide"): STAFF,
    ("safeguarding_lead", "local"): STAFF | {"decide_safeguarding"},
    ("safeguarding_lead", "wide"): STAFF | {"decide_safeguarding"},
    ("locality_lead", "local"): ORGANISERS,
    ("locality_lead", "wide"): TEAM_WORK,
    ("locality_facilitator", "local"): ORGANISERS,
    ("locality_facilitator", "wide"): TEAM_WORK,
    ("locality_member", "local"): OWN_TEAM,
    ("locality_member", "wide"): TEAM_WORK,
    ("other_locality_member", "local"): set(),
    ("other_locality_member", "wide"): TEAM_WORK,
    ("other_programme_member", "local"): set(),
    ("other_programme_member", "wide"): set(),
    # An evaluator reads plans, logs and figures, never stories or storytellers' details.
    ("evaluator", "local"): set(),
    ("evaluator", "wide"): set(),
    ("expert_by_experience", "local"): set(),
    ("expert_by_experience", "wide"): set(),
    ("signed_in_public", "local"): set(),
    ("signed_in_public", "wide"): set(),
    ("anonymous", "local"): set(),
    ("anonymous", "wide"): set(),
}
ROLES = sorted({role for role, _ in ALLOWED})


@pytest.fixture
def world(db):
    p1, p2 = f.make_programme(), f.make_programme()
    a, b, c = f.make_locality(p1), f.make_locality(p1), f.make_locality(p2)
    lead = f.add_programme_role(p1, ProgrammeRole.TEAM)
    p1.safeguarding_lead = lead
    p1.save()
    users = {
        "programme_admin": f.add_programme_role(p1, ProgrammeRole.ADMIN),
        "programme_team": f.add_programme_role(p1, ProgrammeRole.TEAM),
        "safeguarding_lead": lead,
        "locality_lead": f.add_member(a, lead=True),
        "locality_facilitator": f.add_member(a, role="facilitator"),
        "locality_member": f.add_member(a),
        "other_locality_member": f.add_member(b),
        "other_programme_member": f.add_member(c),
        "expert_by_experience": f.add_programme_role(p1, ProgrammeRole.EXPERT),
        "evaluator": f.add_programme_role(p1, ProgrammeRole.EVALUATOR),
        "signed_in_public": f.UserFactory(),
        "anonymous": None,
    }
    access = Permission.objects.get(codename="access_admin")
    for user in users.values():
        if user is not None:
            user.user_permissions.add(access)
    inquiries = {"local": f.make_inquiry(a), "wide": f.make_inquiry(p1)}
    stories = {}
    for key, inquiry in inquiries.items():
        story = f.make_story(
            inquiry,
            status=Story.LEARNING_ONLY,
            text=SECRET,
            email=PERSONAL,
            recording=None,
        )
        stories[key] = story
    return {"users": users, "inquiries": inquiries, "stories": stories}


def attempt(client, op, inquiry, story, user) -> bool:
    """True if ``op`` worked and showed the data."""
    pk = inquiry.pk
    urls = {
        "analysis": reverse("inquiries:analysis", args=[pk]),
        "story_list": reverse("inquiries:stories", args=[pk]),
        "story_detail": reverse("inquiries:story", args=[pk, story.pk]),
        "story_detail_details": reverse("inquiries:story", args=[pk, story.pk]),
        "story_add": reverse("inquiries:story_new", args=[pk]),
        "csv": reverse("inquiries:csv", args=[pk]),
        "csv_details": reverse("inquiries:csv", args=[pk]),
        "report": reverse("inquiries:report", args=[pk]),
        "letters": reverse("inquiries:letters", args=[pk]),
        "moderate": reverse("story_admin:moderate", args=[story.pk]),
    }
    if op == "decide_safeguarding":
        return access.can_decide_safeguarding(user, story)
    response = client.get(urls[op])
    if response.status_code != 200:
        return False
    body = response.content.decode()
    if op in ("story_list", "story_detail", "csv", "moderate"):
        assert SECRET in body
    if op in ("csv_details", "story_detail_details"):
        return PERSONAL in body
    if op == "csv":
        return True
    return True


@pytest.mark.parametrize("which", ["local", "wide"])
@pytest.mark.parametrize("role", ROLES)
def test_story_permission_matrix(world, client, role, which):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    inquiry, story = world["inquiries"][which], world["stories"][which]
    from django.contrib.auth.models import AnonymousUser

    who = user or AnonymousUser()
    allowed = ALLOWED[(role, which)]
    for op in OPERATIONS:
        assert attempt(client, op, inquiry, story, who) is (op in allowed), (role, which, op)
