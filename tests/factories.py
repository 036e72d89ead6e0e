"""Factories for test data. Each test builds what it needs; nothing is shared between tests."""

import datetime
import itertools
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from engagement.models import (
    Action,
    LocalityMembership,
    LocalityPage,
    Milestone,
    ProgrammePage,
    ProgrammePhase,
    ProgrammeRole,
    ProgressEntry,
)
from events.models import LONDON
from site_content.models import HomePage

PASSWORD = "a-long-test-password"
_slugs = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def morning(days_ahead: int, hour: int = 10) -> datetime.datetime:
    """A UK clock time some days from today: an event starting then and lasting a few hours
    ends the same day, whatever time the tests run (a start of now + 10 days, run at 9pm,
    would run past midnight and make a two-day event)."""
    day = datetime.datetime.now(LONDON).date() + datetime.timedelta(days=days_ahead)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2)


def make_programme(title="Test Programme", phases=None, milestones=True) -> ProgrammePage:
    n = next(_slugs)
    programme = ProgrammePage(
        title=f"{title} {n}", slug=f"programme-{n}", purpose="To test things."
    )
    phases = phases or [
        ("Finding out", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
        ("Making it happen", datetime.date(2026, 7, 1), datetime.date(2027, 6, 30)),
    ]
    for i, (name, start, end) in enumerate(phases):
        programme.phases.add(
            ProgrammePhase(name=name, start_date=start, end_date=end, sort_order=i)
        )
    if milestones:
        programme.milestones.add(
            Milestone(
                title="People on a personal budget",
                unit="%",
                baseline=Decimal(2),
                target=Decimal(10),
                due_date=datetime.date(2027, 3, 31),
                sort_order=0,
            )
        )
    home_page().add_child(instance=programme)
    programme.save_revision().publish()
    return programme


def make_locality(programme, title=None) -> LocalityPage:
    n = next(_slugs)
    page = LocalityPage(title=title or f"Locality {n}", slug=f"locality-{n}", summary="We test.")
    programme.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_member(locality, user=None, role="provider", lead=False):
    user = user or UserFactory()
    LocalityMembership.objects.create(locality=locality, user=user, role=role, is_lead=lead)
    return user


def add_programme_role(programme, role, user=None):
    user = user or UserFactory()
    ProgrammeRole.objects.create(programme=programme, user=user, role=role)
    return user


def make_entry(locality, author, status=ProgressEntry.SUBMITTED, **kwargs):
    phase = (
        kwargs.pop("phase", None)
        or ProgrammePhase.objects.filter(programme_id=locality.programme_id).last()
    )
    defaults = {
        "entry_date": phase.start_date,
        "phase": phase,
        "what_we_did": "Held a design day.",
        "what_we_learned": "People want to be asked early.",
        "next_steps": "Write it up.",
        "status": status,
    }
    defaults.update(kwargs)
    return ProgressEntry.objects.create(locality=locality, author=author, **defaults)


def make_action(locality, **kwargs):
    defaults = {"title": "Book the venue", "status": Action.OPEN}
    defaults.update(kwargs)
    return Action.objects.create(locality=locality, **defaults)


def make_inquiry(parent, **kwargs):
    from engagement.models import InquiryPage

    n = next(_slugs)
    today = datetime.date.today()
    defaults = {
        "title": f"Inquiry {n}",
        "slug": f"inquiry-{n}",
        "question": "Tell us about a time support worked well.",
        "introduction": "We learn from what works.",
        "prompts": "Who helped?\nWhat did they do?",
        "opens_on": today - datetime.timedelta(days=5),
        "closes_on": today + datetime.timedelta(days=30),
        "run_by": "The test team",
    }
    defaults.update(kwargs)
    page = InquiryPage(**defaults)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    page.strength_choices()
    return page


def make_story(inquiry, status=None, **kwargs):
    """A story as received, then moved to ``status`` by the rules (not by writing the field)."""
    from engagement.models import Story
    from engagement.stories import services as story_services

    data = {
        "text": "The carer knew how I like my tea.",
        "teller": "An older person",
        "consent_learning": True,
        "consent_quote": True,
    }
    data.update(kwargs)
    story = story_services.receive_story(inquiry=inquiry, data=data, files={})
    if status and status != Story.RECEIVED:
        moderator = UserFactory(is_superuser=True)
        story_services.move(story, Story.IN_REVIEW, by=moderator)
        if status != Story.IN_REVIEW:
            story_services.move(
                story, status, by=moderator, redacted_text=kwargs.get("redacted", data["text"])
            )
        story.refresh_from_db()
    return story
