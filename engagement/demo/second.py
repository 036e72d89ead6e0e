"""A second demo programme, in its own words: day services for disabled people, run with
four partner authorities, with working groups across them and invitations waiting. Fictional
throughout, and safe to run again (nothing is added twice)."""

import datetime

from django.utils import timezone

from engagement.demo.people import demo_user
from engagement.models import (
    Action,
    DevelopmentPlan,
    GroupMembership,
    GroupNote,
    Invitation,
    LocalityMembership,
    LocalityPage,
    ProgrammePage,
    ProgrammePhase,
    ProgrammeRole,
    WorkingGroup,
)
from engagement.people import services
from engagement.workspace import services as workspace_services
from site_content.models import HomePage

SLUG = "day-services-together"
PROGRAMME = {
    "title": "Day Services Together",
    "slug": SLUG,
    "purpose": "Four partner authorities redesign day services with the disabled people and "
    "family carers who use them, and share what works.",
    "locality_kinds": "Partner authority\nHealth and social care partnership",
    "storyteller_kinds": "A person with a learning disability\nA person with mental health "
    "problems\nA person with a physical or sensory impairment\nA family carer\nStaff",
    "storyteller_strengths": "Doing a real job\nLearning something new\nBeing with friends\n"
    "Being part of the community\nChoosing what I do each day",
    "progress_tags": "Employment\nPooled budgets\nCommunity groups\nTransport\nFamily carers",
}
PHASES = [
    ("Diagnostic days", datetime.date(2026, 9, 1), datetime.date(2026, 12, 31)),
    ("Residentials and redesign", datetime.date(2027, 1, 1), datetime.date(2027, 9, 30)),
]
# slug, title, kind, priorities
LOCALITIES = [
    ("northfold", "Northfold", "Partner authority", "Paid work for ten people who want it."),
    ("easterby", "Easterby", "Partner authority", "Day centre users plan their own week."),
    ("southmere", "Southmere", "Health and social care partnership", "Pool budgets."),
    ("westbrook", "Westbrook", "Partner authority", "Community groups that welcome everyone."),
]
# email, first, last, what
PEOPLE = [
    ("days.admin@example.org", "Grace", "Mensah", "admin"),
    ("research@example.org", "Owen", "Lindqvist", "evaluator"),
    ("jo.marsh@example.org", "Jo", "Marsh", "expert"),
    ("lead@northfold.example.org", "Tariq", "Hollins", "lead:northfold:commissioner"),
    ("lena.ward@northfold.example.org", "Lena", "Ward", "member:northfold:person_using_services"),
    ("lead@easterby.example.org", "Martha", "Quill", "lead:easterby:provider"),
    ("dev.rana@easterby.example.org", "Dev", "Rana", "member:easterby:carer"),
    ("lead@southmere.example.org", "Ifan", "Pryce", "lead:southmere:commissioner"),
    ("lead@westbrook.example.org", "Nell", "Ashdown", "lead:westbrook:provider"),
]
GROUPS = [
    (
        "Employment",
        WorkingGroup.TASK_AND_FINISH,
        "Find out what stops people who use day services getting paid work, and test two "
        "ways round it with local employers.",
        [
            "lead@northfold.example.org",
            "lena.ward@northfold.example.org",
            "dev.rana@easterby.example.org",
            "jo.marsh@example.org",
        ],
        "lead@northfold.example.org",
        [
            "First meeting at Easterby library. Lena told us about her work trial at the "
            "garden centre; we agreed to map who already employs someone we support.",
            "Two employers agreed to a job-carving trial from March.",
        ],
        "",
    ),
    (
        "Pooling individual budgets",
        WorkingGroup.TASK_AND_FINISH,
        "Work out how people can pool part of their budgets to run activities together.",
        [
            "lead@southmere.example.org",
            "lead@easterby.example.org",
            "dev.rana@easterby.example.org",
        ],
        "lead@southmere.example.org",
        ["Looked at how three people could share a support worker for a weekly walk."],
        "",
    ),
    (
        "Developing community organisations",
        WorkingGroup.NETWORK,
        "Help small community groups welcome people who used to go to a day centre.",
        ["lead@westbrook.example.org", "jo.marsh@example.org"],
        "lead@westbrook.example.org",
        ["Met six community groups; four want to take part."],
        "Small groups said yes when someone they knew asked them, and when the first visit "
        "was with a familiar worker. A named contact in each group mattered more than money. "
        "We recommend a short welcome guide and a paid contact for the first three months.",
    ),
]
# The groups' own actions: (group, what, who, due in days from today, done?)
GROUP_ACTIONS = [
    ("Employment", "Map who already employs someone we support", "lena.ward@northfold", 14, 0),
    ("Employment", "Agree the job-carving trial plan with both employers", "lead@northfold", -5, 0),
    ("Employment", "Book a room at Easterby library for the next meeting", "jo.marsh@", 0, 1),
    (
        "Pooling individual budgets",
        "Ask finance how a pooled budget is paid",
        "lead@southmere",
        30,
        0,
    ),
]
INVITED = [
    ("sana.ibrahim@example.org", "Sana", "Ibrahim", "westbrook", "carer"),
    ("rob.tennant@example.org", "Rob", "Tennant", "northfold", "provider"),
]


def load(stdout) -> None:
    if ProgrammePage.objects.filter(slug=SLUG).exists():
        return
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    programme = ProgrammePage(**PROGRAMME)
    for i, (name, start, end) in enumerate(PHASES):
        programme.phases.add(
            ProgrammePhase(name=name, start_date=start, end_date=end, sort_order=i)
        )
    home.add_child(instance=programme)
    programme.save_revision().publish()
    localities = {}
    for slug, title, kind, priorities in LOCALITIES:
        page = LocalityPage(title=title, slug=slug, kind=kind, summary=f"{title} day services.")
        programme.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        DevelopmentPlan.objects.create(locality=page, priorities=priorities)
        workspace_services.priorities_from_text(locality=page, text=priorities)
        localities[slug] = page
    people = {}
    for email, first, last, what in PEOPLE:
        user = demo_user(email, first, last)
        people[email] = user
        kind, *rest = what.split(":")
        if kind in ("admin", "evaluator", "expert"):
            ProgrammeRole.objects.get_or_create(
                programme=programme, user=user, defaults={"role": kind}
            )
        else:
            LocalityMembership.objects.get_or_create(
                locality=localities[rest[0]],
                user=user,
                defaults={"role": rest[1], "is_lead": kind == "lead"},
            )
    admin = people["days.admin@example.org"]
    today = timezone.localdate()
    for name, kind, remit, members, convener, notes, report in GROUPS:
        group = services.create_group(
            by=admin,
            programme=programme,
            name=name,
            kind=kind,
            remit=remit,
            starts_on=PHASES[0][1],
            ends_on=PHASES[1][2],
        )
        for email in members:
            role = GroupMembership.CONVENER if email == convener else GroupMembership.MEMBER
            services.add_to_group(by=admin, group=group, user=people[email], role=role)
        for k, text in enumerate(notes):
            GroupNote.objects.create(
                group=group,
                author=people[convener],
                text=text,
                written_on=today - datetime.timedelta(days=30 * (len(notes) - k)),
            )
        for group_name, title, who, due_in, done in GROUP_ACTIONS:
            if group_name == name:
                owner = next(p for email, p in people.items() if email.startswith(who))
                services.add_group_action(
                    by=people[convener],
                    group=group,
                    data={
                        "title": title,
                        "owner": owner,
                        "due_date": today + datetime.timedelta(days=due_in),
                        "status": Action.DONE if done else Action.OPEN,
                    },
                )
        if report:
            services.close_group(by=admin, group=group, report=report, is_learning=True)
    for email, first, last, slug, role in INVITED:
        if not Invitation.objects.filter(email=email).exists():
            services.invite(
                by=admin,
                place=localities[slug],
                email=email,
                role=role,
                first_name=first,
                last_name=last,
            )
    stdout.write(f"  {programme.title}: {len(localities)} localities and {len(GROUPS)} groups.")
