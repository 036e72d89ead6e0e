import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, Revision

from engagement.models import (
    Action,
    EntryRevision,
    LocalityMembership,
    LocalityPage,
    MilestoneReport,
    ProgrammePage,
    ProgressEntry,
)


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            ProgrammePage,
            LocalityPage,
            LocalityMembership,
            ProgressEntry,
            EntryRevision,
            Action,
            MilestoneReport,
            Revision,
            PageLogEntry,
        )
    }


@pytest.mark.django_db
def test_demo_loads_the_programme_and_a_second_run_changes_nothing():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    programme = ProgrammePage.objects.get(slug="living-well-in-later-life")
    assert [p.name for p in programme.phases.all()] == [
        "What are we finding out?",
        "Making detailed plans",
        "Making it happen",
        "Sharing and learning what works",
        "Practical guidance launched",
    ]
    localities = LocalityPage.objects.filter(programme=programme)
    assert localities.count() == 11
    assert localities.filter(kind="Demonstrator site").count() == 2
    assert not [p.title for p in localities if p.region == p.kind]  # a region is a place
    roles = set(LocalityMembership.objects.values_list("role", flat=True))
    assert roles == {
        "commissioner",
        "provider",
        "person_using_services",
        "carer",
        "facilitator",
        "other",
    }
    assert all(loc.members.filter(is_lead=True).count() == 1 for loc in localities)
    assert ProgressEntry.objects.filter(status=ProgressEntry.DRAFT).count() == 11
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


@pytest.mark.django_db
def test_second_demo_programme_speaks_its_own_words_and_has_groups():
    from engagement.models import GroupMembership, Invitation, WorkingGroup

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    second = ProgrammePage.objects.get(slug="day-services-together")
    assert "A family carer" in second.tellers() and "Doing a real job" in second.strengths()
    assert second.kinds() == ["Partner authority", "Health and social care partnership"]
    assert LocalityPage.objects.filter(programme=second, kind="Partner authority").count() == 3
    groups = WorkingGroup.objects.filter(programme=second)
    assert groups.count() == 3 and groups.filter(closed_on__isnull=False).count() == 1
    employment = groups.get(name="Employment")
    localities = set(employment.members.values_list("locality__title", flat=True))
    assert {"Northfold", "Easterby", None} <= localities
    assert employment.members.filter(role=GroupMembership.CONVENER).count() == 1
    assert Invitation.objects.filter(programme=second, accepted_at__isnull=True).count() == 2
    from events.models import EventPage

    residential = EventPage.objects.get(slug="day-services-residential")
    assert residential.open_to == EventPage.INVITED and len(residential.days) == 3
    assert [e.title for e in employment.events.all()] == [
        "Employment group: planning the job trials"
    ]
    counts = (
        WorkingGroup.objects.count(),
        GroupMembership.objects.count(),
        Invitation.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        WorkingGroup.objects.count(),
        GroupMembership.objects.count(),
        Invitation.objects.count(),
    )


@pytest.mark.django_db
def test_the_demo_events_are_coming_up_on_whatever_day_it_is_loaded(monkeypatch):
    """Events dated from the day of loading, so the demo never shows only past events; a demo
    loaded over one from before (whose events had dated slugs) adds no second copies."""
    import datetime

    from django.utils import timezone

    from engagement.models import ReviewRound
    from events import demo
    from events.models import EventPage

    today = datetime.date(2031, 7, 3)  # a Thursday
    monkeypatch.setattr(demo.timezone, "localdate", lambda: today)
    assert demo.ahead(6, demo.WEDNESDAY) == datetime.date(2031, 8, 13)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.undo()
    events = EventPage.objects.live()
    assert events.count() == 5
    now = timezone.now()
    for event in events:
        assert now + datetime.timedelta(weeks=5) < event.starts_at < event.ends_at, event.slug
        assert event.starts_at.astimezone(demo.LONDON).weekday() in (1, 2), event.slug
    assert events.get(slug=demo.RESIDENTIAL_SLUG).days == [
        datetime.date(2031, 10, 7),
        datetime.date(2031, 10, 8),
    ]
    assert ReviewRound.objects.get().closes_on > timezone.localdate()
    EventPage.objects.filter(slug=demo.RESIDENTIAL_SLUG).update(slug="residential-march-2027")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert EventPage.objects.count() == 5
