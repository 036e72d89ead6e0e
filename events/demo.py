"""Demo events: a network meeting for the programme, a carers' session in Ashcombe and a
two-day residential with places set aside for Ashcombe. Safe to run again.

The events are dated some weeks after the day the demo is loaded, so a demo loaded at any time
has events coming up that people can book."""

import datetime

from django.utils import timezone

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

TUESDAY, WEDNESDAY = 1, 2


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def ahead(weeks: int, weekday: int) -> datetime.date:
    """The ``weekday`` (Monday is 0) in the week ``weeks`` weeks after this one."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return monday + datetime.timedelta(weeks=weeks, days=weekday)


def load(stdout) -> None:
    if not _loaded(NETWORK_MEETING_SLUG, "network-meeting-february-2027"):
        _first_events(stdout)
    if not _loaded(RESIDENTIAL_SLUG, "residential-march-2027"):
        _residential(stdout)
    if not _loaded(DAY_SERVICES_RESIDENTIAL_SLUG, "day-services-residential-2027"):
        _day_services(stdout)


def _loaded(*slugs) -> bool:
    """Whether an event is there already, under its slug or one an older demo gave it."""
    return EventPage.objects.filter(slug__in=slugs).exists()


DAY_SERVICES_RESIDENTIAL_SLUG = "day-services-residential"


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
        starts_at=_at(ahead(10, TUESDAY), 10),
        ends_at=_at(ahead(10, TUESDAY) + datetime.timedelta(days=2), 15),
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
        slug="employment-group-job-trials",
        kind="task_and_finish",
        purpose="Agree which employers to ask and how the trials will work.",
        starts_at=_at(ahead(6, TUESDAY), 14),
        ends_at=_at(ahead(6, TUESDAY), 16),
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


RESIDENTIAL_SLUG = "residential-designing-support"
NETWORK_MEETING_SLUG = "network-meeting"


def _residential(stdout) -> None:
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    ashcombe = LocalityPage.objects.get(slug="ashcombe")
    residential = EventPage(
        title="Residential: designing support together",
        slug=RESIDENTIAL_SLUG,
        kind="residential",
        purpose="Two days to design the new model of support together, with a night's stay.",
        starts_at=_at(ahead(14, TUESDAY), 10),
        ends_at=_at(ahead(14, WEDNESDAY), 15),
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
        slug=NETWORK_MEETING_SLUG,
        kind="network_meeting",
        series="network-meetings",
        purpose="All eleven localities share progress and interim lessons, and agree what to try next.",
        starts_at=_at(ahead(10, WEDNESDAY), 10),
        ends_at=_at(ahead(10, WEDNESDAY), 15, 30),
        venue="Brackenfield Community Hall (fictional)",
        address="1 Example Street\nBrackenfield",
        contact_name="The programme team (fictional)",
        contact_email="programme@example.org",
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
        slug="carers-peer-support-morning",
        kind="peer_support",
        purpose="A relaxed morning for carers to share what helps. You can bring the person you care for.",
        starts_at=_at(ahead(6, WEDNESDAY), 10),
        ends_at=_at(ahead(6, WEDNESDAY), 12),
        venue="Ashcombe Library (fictional)",
        step_free=True,
        accessible_toilets=True,
        capacity=4,
        contact_name="Ashcombe carers' team (fictional)",
        contact_email="carers@ashcombe.example.org",
        contact_phone="01632 960 123",
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
