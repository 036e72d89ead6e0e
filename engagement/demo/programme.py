"""Demo programme management: vision, benefits, tranches, projects, risks and issues,
stakeholders, a communications plan, a board report and an advisory group (fictional)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from engagement.models import (
    Benefit,
    Consultation,
    LocalityPage,
    ProgrammePage,
    Project,
    RegisterItem,
    Tranche,
)
from engagement.programme import services


def load(stdout) -> None:
    programme = ProgrammePage.objects.first()
    if programme is None or Project.objects.filter(programme=programme).exists():
        return
    User = get_user_model()
    people = {u.email: u for u in User.objects.filter(email__endswith="example.org")}
    admin = people.get("admin@example.org")
    coordinator = people.get("coordinator@example.org")
    lead = people.get("lead@ashcombe.example.org")
    today = timezone.localdate()

    programme.vision = (
        "Older people and carers in every locality choose and control their support, with "
        "help that starts from what matters to them."
    )
    programme.blueprint_processes = (
        "One conversation-led assessment; personal budgets offered to everyone eligible."
    )
    programme.blueprint_organisation = "Locality teams of change leaders, including carers."
    programme.blueprint_technology = "A shared record people can read, and online budgets."
    programme.blueprint_information = "Plain English information about choices, in one place."
    programme.save_revision().publish()

    milestone = programme.milestones.first()
    budgets = Benefit.objects.create(
        programme=programme,
        title="More people direct their own support",
        measure="Share of people using adult social care with a personal budget",
        unit="%",
        baseline=Decimal(2),
        target=Decimal(30),
        current=Decimal(11),
        measured_on=today - datetime.timedelta(days=20),
        owner=coordinator,
    )
    if milestone:
        budgets.milestones.add(milestone)
    carers = Benefit.objects.create(
        programme=programme,
        title="Carers get a break when they need one",
        measure="Carers who say they had a break in the last three months",
        unit="carers",
        baseline=Decimal(120),
        target=Decimal(400),
        current=Decimal(190),
        owner=admin,
    )
    Benefit.objects.create(
        programme=programme,
        title="Less time waiting for an assessment",
        measure="Median days from first contact to assessment",
        unit="days",
        baseline=Decimal(42),
        target=Decimal(14),
        owner=coordinator,
    )
    first = Tranche.objects.create(
        programme=programme,
        name="Tranche 1: the new front door",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=160),
        end_state="One process for assessments and personal budget allocation.",
        review_point="Year 1",
        review_on=today + datetime.timedelta(days=160),
    )
    second = Tranche.objects.create(
        programme=programme,
        name="Tranche 2: choice in every locality",
        starts_on=today + datetime.timedelta(days=161),
        ends_on=today + datetime.timedelta(days=900),
        end_state="A market of support that people can choose from in every locality.",
        review_point="Year 3",
    )
    ashcombe = LocalityPage.objects.filter(slug="ashcombe").first()
    specs = [
        ("Conversation-led assessment", Project.DELIVERY, first, coordinator, None, budgets),
        ("Carers' breaks fund", Project.INITIATED, first, admin, None, carers),
        ("Ashcombe micro-providers", Project.DELIVERY, first, lead, ashcombe, budgets),
        ("Online personal budgets", Project.PROPOSED, second, None, None, budgets),
    ]
    projects = {}
    for title, status, tranche, manager, locality, benefit in specs:
        project = Project.objects.create(
            programme=programme,
            title=title,
            purpose=f"{title}: part of making support start from what matters to people.",
            outputs="A tested way of working\nGuidance for staff",
            outcomes="People say they were listened to",
            status=status,
            status_note="On track" if status == Project.DELIVERY else "",
            tranche=tranche,
            manager=manager,
            locality=locality,
            board="Programme manager\nA carer from the advisory group\nFinance lead",
        )
        project.benefits.add(benefit)
        projects[title] = project
    risks = [
        ("Staff too busy to learn the new assessment", 4, 4, -10, "Conversation-led assessment"),
        ("Providers cannot recruit enough support workers", 4, 5, 30, None),
        ("The budget calculator is not ready in time", 2, 4, 45, "Online personal budgets"),
        ("Carers do not hear about the breaks fund", 3, 3, -3, "Carers' breaks fund"),
        ("Micro-providers find insurance too costly", 3, 2, 60, "Ashcombe micro-providers"),
    ]
    for title, likelihood, impact, review_in, project in risks:
        RegisterItem.objects.create(
            programme=programme,
            project=projects.get(project),
            kind=RegisterItem.RISK,
            title=title,
            likelihood=likelihood,
            impact=impact,
            owner=coordinator,
            response="Agreed at the programme board.",
            review_on=today + datetime.timedelta(days=review_in),
        )
    RegisterItem.objects.create(
        programme=programme,
        kind=RegisterItem.ISSUE,
        title="The library venue for drop-ins has closed",
        impact=3,
        owner=lead,
        response="Looking for a new venue with step-free access.",
        review_on=today + datetime.timedelta(days=7),
    )
    for name, group, interest, influence, champion in [
        ("Director of adult social care", "Council", 4, 5, True),
        ("Older People's Advisory Group", "People who use services", 5, 3, True),
        ("Home care providers' forum", "Providers", 4, 4, False),
        ("Local GP practices", "Health", 2, 4, False),
        ("Ward councillors", "Council", 2, 2, False),
    ]:
        programme.stakeholders.create(
            name=name, group=group, interest=interest, influence=influence, is_champion=champion
        )
    for audience, message, channel, days, sent in [
        ("Providers", "How micro-providers can join", "Providers' forum", -14, True),
        ("Older people and carers", "Tell us when support worked well", "Newsletter", -5, False),
        ("Council staff", "The new conversation-led assessment", "Team briefings", 21, False),
    ]:
        programme.comms.create(
            audience=audience,
            message=message,
            channel=channel,
            planned_on=today + datetime.timedelta(days=days),
            owner=coordinator,
            sent_on=today + datetime.timedelta(days=days) if sent else None,
            what_was_sent="Slides and a one-page summary" if sent else "",
        )
    services.write_board_report(
        programme,
        by=coordinator,
        title="Board report: autumn",
        period="September to November",
        executive_summary="Two projects are in delivery and on track. Recruitment of support "
        "workers is the biggest risk; the board is asked to back a joint campaign.",
        decisions_needed="Back a joint recruitment campaign with providers\nAgree the carers' "
        "breaks fund criteria",
    )
    consultation = Consultation.objects.create(
        programme=programme,
        group="Older People's Advisory Group",
        held_on=today - datetime.timedelta(days=12),
        members_present="9 members, with a facilitator",
        public=True,
    )
    points = [
        "Letters about assessments are too long and full of jargon.",
        "Drop-ins should not be in places you can only reach by car.",
        "Please tell us what happened to what we said last time.",
    ]
    for i, raised in enumerate(points):
        point = consultation.points.create(raised=raised)
        if i < 2:
            services.respond_to_point(
                point,
                by=coordinator,
                decision="accepted",
                reason="",
                what_changed=[
                    "We rewrote the letters with the group; they are now one page.",
                    "New drop-ins are at the library and the bus station café.",
                ][i],
            )
    stdout.write("  programme management: 4 projects, 6 register entries, a board report")
