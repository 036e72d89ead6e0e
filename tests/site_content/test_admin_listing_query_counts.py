"""The admin's record listings and their choosers ask the database the same number of questions
with a few rows as with a page of them: each row's columns and title (its person, panel,
locality, event, guide...) come with the rows, not one query a row."""

import datetime
import itertools

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.models import (
    Action,
    Involvement,
    LocalityMembership,
    LocalityPage,
    MemberTraining,
    MilestoneReport,
    Panel,
    PanelMember,
    Payment,
    ProgrammeRole,
    ProgressEntry,
)
from events.models import EventPage, EventRecord, Registration, TopicSuggestion
from guide.models import GlossaryTerm, GuidePage, PracticeExample, Theme, UsefulLink
from tests import factories as f

pytestmark = pytest.mark.django_db

MODELS = [
    ("engagement", "panel"),
    ("engagement", "panelmember"),
    ("engagement", "membertraining"),
    ("engagement", "involvement"),
    ("engagement", "payment"),
    ("engagement", "localitymembership"),
    ("engagement", "programmerole"),
    ("engagement", "progressentry"),
    ("engagement", "action"),
    ("engagement", "milestonereport"),
    ("events", "registration"),
    ("events", "eventrecord"),
    ("events", "topicsuggestion"),
    ("guide", "practiceexample"),
    ("guide", "theme"),
    ("guide", "glossaryterm"),
    ("guide", "usefullink"),
]
_n = itertools.count(1)


def grow(size):
    locality = LocalityPage.objects.get(slug="ashcombe")
    programme = locality.get_parent().specific
    milestone = programme.milestones.first()
    event = EventPage.objects.first()
    guide = GuidePage.objects.get(slug="living-well")
    day = datetime.date(2026, 1, 5)
    for _ in range(size):
        n = next(_n)
        person = f.add_member(locality)
        f.add_programme_role(programme, ProgrammeRole.TEAM)
        panel = Panel.objects.create(
            programme=programme, locality=locality, name=f"P{n}", slug=f"p{n}", facilitator=person
        )
        seat = PanelMember.objects.create(panel=panel, user=person)
        MemberTraining.objects.create(member=seat, name="Safeguarding", completed_on=day)
        involvement = Involvement.objects.create(member=seat, kind=Involvement.MEETING, on=day)
        Payment.objects.create(member=seat, involvement=involvement, amount=20, owed_on=day)
        f.make_entry(locality, person)
        f.make_action(locality, owner=person)
        MilestoneReport.objects.create(
            locality=locality, milestone=milestone, value=n, reported_on=day
        )
        Registration.objects.create(
            event=event,
            name=f"Person {n}",
            email=f"r{n}@example.org",
            taking_part_as=Registration.TAKING_PART_CHOICES[0][0],
            status=Registration.CONFIRMED,
        )
        EventRecord.objects.create(event=event, text="Notes")
        TopicSuggestion.objects.create(event=event, topic=f"Topic {n}")
        theme = Theme.objects.create(guide=guide, name=f"T{n}", slug=f"t{n}")
        PracticeExample.objects.create(
            guide=guide,
            theme=theme,
            locality=locality,
            key=f"k{n}",
            title=f"Example {n}",
            approach="Asked.",
            outcomes="- Done.",
        )
        GlossaryTerm.objects.create(guide=guide, term=f"Term {n}", definition="A word.")
        UsefulLink.objects.create(guide=guide, title=f"Site {n}", url=f"https://s{n}.example.org/")


def measure(client):
    found = {}
    for app, model in MODELS:
        for url in (f"/admin/snippets/{app}/{model}/", f"/admin/snippets/choose/{app}/{model}/"):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200, url
            found[url] = len(ctx)
    return found


def test_admin_listings_do_not_grow_with_rows(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # A fresh start below a page of rows for each listing the demo fills.
    for model in (LocalityMembership, ProgrammeRole, ProgressEntry, Action, MilestoneReport):
        model.objects.all().delete()
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    grow(1)
    small = measure(client)
    grow(6)
    large = measure(client)
    grown = {url: (small[url], large[url]) for url in small if small[url] != large[url]}
    assert not grown, grown
