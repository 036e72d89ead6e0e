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
    programme = ProgrammePage.objects.get()
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
