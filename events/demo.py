"""Demo events: a network meeting for the programme and a carers' session in Ashcombe."""

import datetime

from engagement.models import LocalityPage, ProgrammePage

from .models import LONDON, AgendaSession, EventPage, EventRole, Registration


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def load(stdout) -> None:
    if EventPage.objects.exists():
        return
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
