"""Demo events: a network meeting for the programme, a carers' session in Ashcombe and a
two-day residential with places set aside for Ashcombe. Safe to run again."""

import datetime

from engagement.models import LocalityPage, ProgrammePage

from .models import (
    LONDON,
    AgendaSession,
    AttendanceDay,
    EventPage,
    EventRole,
    LocalityPlaces,
    Registration,
)


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def load(stdout) -> None:
    if not EventPage.objects.exclude(slug=RESIDENTIAL_SLUG).exists():
        _first_events(stdout)
    if not EventPage.objects.filter(slug=RESIDENTIAL_SLUG).exists():
        _residential(stdout)
    if not EventPage.objects.filter(slug=DAY_SERVICES_RESIDENTIAL_SLUG).exists():
        _day_services(stdout)


DAY_SERVICES_RESIDENTIAL_SLUG = "day-services-residential-2027"


def _day_services(stdout) -> None:
    """The second demo programme: an invite-only three-day residential, and a meeting of its
    Employment group that only the group's members can book."""
    from engagement.models import WorkingGroup

    programme = ProgrammePage.objects.filter(slug="day-services-together").first()
    employment = WorkingGroup.objects.filter(programme=programme, name="Employment").first()
    if programme is None or employment is None:
        return
    invited = [m.user.email for m in employment.members.select_related("user")]
    residential = EventPage(
        title="Residential: redesigning day services",
        slug=DAY_SERVICES_RESIDENTIAL_SLUG,
        kind="residential",
        purpose="Three days for the four partners' change leaders to redesign day services.",
        starts_at=_at(datetime.date(2027, 2, 9), 10),
        ends_at=_at(datetime.date(2027, 2, 11), 15),
        venue="Larkspur Lodge (fictional)",
        step_free=True,
        accessible_toilets=True,
        capacity=32,
        open_to=EventPage.INVITED,
        invited_emails="\n".join(invited),
    )
    programme.add_child(instance=residential)
    residential.save_revision().publish()
    meeting = EventPage(
        title="Employment group: planning the job trials",
        slug="employment-group-january-2027",
        kind="task_and_finish",
        purpose="Agree which employers to ask and how the trials will work.",
        starts_at=_at(datetime.date(2027, 1, 19), 14),
        ends_at=_at(datetime.date(2027, 1, 19), 16),
        venue="Easterby Library (fictional)",
        step_free=True,
        capacity=10,
        open_to=EventPage.LOCALITIES,
        group=employment,
    )
    programme.add_child(instance=meeting)
    meeting.open_groups.add(employment)
    meeting.save_revision().publish()
    stdout.write("  events: an invite-only residential and a group meeting for Day Services")


RESIDENTIAL_SLUG = "residential-march-2027"


def _residential(stdout) -> None:
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    ashcombe = LocalityPage.objects.get(slug="ashcombe")
    residential = EventPage(
        title="Residential: designing support together",
        slug=RESIDENTIAL_SLUG,
        kind="residential",
        purpose="Two days to design the new model of support together, with a night's stay.",
        starts_at=_at(datetime.date(2027, 3, 16), 10),
        ends_at=_at(datetime.date(2027, 3, 17), 15),
        venue="Hollowmere Conference Centre (fictional)",
        address="2 Example Lane\nHollowmere",
        step_free=True,
        hearing_loop=True,
        accessible_toilets=True,
        access_notes="Ground-floor bedrooms can be booked. Quiet room both days.",
        capacity=12,
    )
    residential.locality_places.add(LocalityPlaces(locality=ashcombe, places=4, sort_order=0))
    programme.add_child(instance=residential)
    residential.save_revision().publish()
    booked = Registration.objects.create(
        event=residential,
        name="Alan Example",
        email="alan@example.org",
        status=Registration.CONFIRMED,
        taking_part_as="provider",
        overnight=True,
        overnight_notes="A ground-floor room, please.",
        consent_to_contact=True,
    )
    for day in residential.days:
        AttendanceDay.objects.create(registration=booked, day=day, coming=True)
    stdout.write("  events: a two-day residential with places set aside for Ashcombe")


def _first_events(stdout) -> None:
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    meeting = EventPage(
        title="Network meeting: what we have learned so far",
        slug="network-meeting-february-2027",
        kind="network_meeting",
        series="network-meetings",
        purpose="All eleven localities share progress and interim lessons, and agree what to try next.",
        starts_at=_at(datetime.date(2027, 2, 10), 10),
        ends_at=_at(datetime.date(2027, 2, 10), 15, 30),
        venue="Brackenfield Community Hall (fictional)",
        address="1 Example Street\nBrackenfield",
        step_free=True,
        hearing_loop=True,
        parking=True,
        accessible_toilets=True,
        access_notes="Quiet room available all day. Large-print agendas on request.",
        online_joining="Join by video: link sent on the morning. Or phone 01632 960999, code 4321.",
        capacity=40,
        ground_rules="Everyone's view counts\nPlain words, no jargon\nPhones on silent",
    )
    meeting.sessions.add(
        AgendaSession(
            starts=datetime.time(10), title="Welcome and what we hope for today", sort_order=0
        )
    )
    meeting.sessions.add(
        AgendaSession(
            starts=datetime.time(10, 30), title="Each locality: one thing that worked", sort_order=1
        )
    )
    meeting.sessions.add(
        AgendaSession(
            starts=datetime.time(13, 30), title="Group work: what to try next", sort_order=2
        )
    )
    meeting.sessions.add(
        AgendaSession(starts=datetime.time(15), title="Local action planning", sort_order=3)
    )
    meeting.roles.add(EventRole(role="facilitator", person="Grace Fenwick", sort_order=0))
    meeting.roles.add(EventRole(role="timekeeper", person="Tom Ravensworth", sort_order=1))
    meeting.roles.add(EventRole(role="recorder", person="Edith Marlow", sort_order=2))
    programme.add_child(instance=meeting)
    meeting.save_revision().publish()

    ashcombe = LocalityPage.objects.get(slug="ashcombe")
    session = EventPage(
        title="Carers' peer support morning",
        slug="carers-peer-support-january-2027",
        kind="peer_support",
        purpose="A relaxed morning for carers to share what helps. You can bring the person you care for.",
        starts_at=_at(datetime.date(2027, 1, 20), 10),
        ends_at=_at(datetime.date(2027, 1, 20), 12),
        venue="Ashcombe Library (fictional)",
        step_free=True,
        accessible_toilets=True,
        capacity=4,
    )
    ashcombe.add_child(instance=session)
    session.save_revision().publish()
    for name, email, companions, status in [
        ("Rose Tamworth", "member@ashcombe.example.org", 1, Registration.CONFIRMED),
        ("Alan Example", "alan@example.org", 1, Registration.CONFIRMED),
        ("Beth Example", "beth@example.org", 0, Registration.WAITING),
    ]:
        Registration.objects.create(
            event=session,
            name=name,
            email=email,
            companions=companions,
            status=status,
            taking_part_as="carer",
            access_needs="Step-free access" if companions else "",
            consent_to_contact=True,
        )
    stdout.write("  events: a network meeting and a full carers' session with a waiting list")
