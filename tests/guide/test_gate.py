"""The publication gate, each refusal reason on its own."""

import pytest

from engagement.models import LocalityPage, ProgressEntry
from guide import gate
from guide.models import GuideChapterPage, GuidePage, PracticeExample, Theme
from tests import factories as f


@pytest.fixture
def entry(db):
    locality = f.make_locality(f.make_programme())
    LocalityPage.objects.filter(pk=locality.pk).update(agreed_to_publish=True)
    locality.refresh_from_db()
    entry = f.make_entry(locality, f.add_member(locality), is_learning=True)
    entry.learning_published = entry.what_we_learned  # as a chapter's publishing leaves it
    return entry


def reasons(item, text=""):
    return [r.reason for r in gate.refusals(item, text)]


def test_a_publishable_entry_passes(entry):
    assert reasons(entry, entry.what_we_learned) == []


def test_words_edited_since_an_editor_published_them_wait_for_the_editor(entry):
    entry.what_we_learned += " And the bus helped."
    assert reasons(entry) == [gate.rules.NEW_WORDS]


def test_draft_entry_is_refused(entry):
    entry.status = ProgressEntry.DRAFT
    assert reasons(entry) == ["the entry is a draft"]


def test_entry_not_marked_as_learning_is_refused(entry):
    entry.is_learning = False
    assert reasons(entry) == ["the entry is not marked as learning for the guide"]


def test_entry_from_locality_that_has_not_agreed_is_refused(entry):
    entry.locality.agreed_to_publish = False
    assert reasons(entry) == [f"{entry.locality.title} has not agreed to publish its learning"]


def test_unpublished_page_is_refused(db):
    guide = GuidePage(title="Guide", slug="g", introduction="x")
    f.home_page().add_child(instance=guide)
    chapter = GuideChapterPage(
        title="Draft chapter", slug="draft", summary="s", body=[], live=False
    )
    guide.add_child(instance=chapter)
    assert reasons(chapter) == ["the page is not published"]
    refusal = gate.refusals(chapter)[0]
    assert str(refusal) == f"page “Draft chapter” (id {chapter.pk}): the page is not published"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Email sam.example@example.org for details",
            "it contains an email address “sam.example@example.org”",
        ),
        ("Ring 01632 960000 any weekday", "it contains a phone number “01632 960000”"),
        ("Call +44 20 7946 0018 now", "it contains a phone number “+44 20 7946 0018”"),
        ("Write to us at NV1 2AB", "it contains a postcode “NV1 2AB”"),
    ],
)
def test_personal_details_in_text_are_refused(entry, text, found):
    assert reasons(entry, text) == [found]


def test_allow_listed_switchboard_passes(entry, settings):
    settings.GUIDE_PUBLIC_CONTACTS = ["01632 960000"]
    assert reasons(entry, "Switchboard: (01632) 960000") == []
    assert reasons(entry, "Mobile: 07700 900123") == ["it contains a phone number “07700 900123”"]


def test_figures_and_dates_are_not_mistaken_for_phone_numbers(entry):
    text = "374 checklists led to 1,170 referrals between 2026-03-01 and 2026-09-30; 10% by 2027."
    assert reasons(entry, text) == []


def test_contacts_need_the_publish_flag(db):
    theme = Theme.objects.create(name="T", slug="t")
    example = PracticeExample(
        key="k",
        title="K",
        theme=theme,
        approach="a",
        outcomes="o",
        contacts=[{"role": "Lead", "email": "a@example.org"}],
    )
    assert gate.publishable_contacts(example) == []
    example.publish_contacts = True
    assert gate.publishable_contacts(example) == [{"role": "Lead", "email": "a@example.org"}]


def _example(key, theme, **kwargs):
    defaults = {
        "title": f"Example {key}",
        "theme": theme,
        "organisations": ["North Vale Council"],
        "approach": "We listened.",
        "outcomes": "- It worked.",
    }
    defaults.update(kwargs)
    return PracticeExample.objects.create(key=key, **defaults)


def test_a_flagged_contact_passes_in_its_own_example_and_nowhere_else(db):
    theme = Theme.objects.create(name="Choice", slug="choice", position=1)
    sam = {"role": "Lead", "name": "Sam Example", "email": "sam@example.org"}
    sam["phone"] = "01632 960000"
    flagged = _example(
        "flagged",
        theme,
        contacts=[sam],
        publish_contacts=True,
        further_information="Ring 01632 960000 or write to sam@example.org.",
    )
    assert reasons(flagged, gate.example_public_text(flagged) + " sam@example.org") == []
    # Written as another form of the same number, it is still the contact's own.
    assert reasons(flagged, "Call +44 1632 960000") == []
    # A different detail in the same example is still refused.
    assert reasons(flagged, "or jo@example.org") == [
        "it contains an email address “jo@example.org”"
    ]
    # Without the flag, the contact's details are refused like any other.
    flagged.publish_contacts = False
    assert reasons(flagged, "sam@example.org") == ["it contains an email address “sam@example.org”"]
    # And the flag of one example does not cover the same details typed into another.
    other = _example("other", theme, approach="Ask sam@example.org")
    assert reasons(other, other.approach) == ["it contains an email address “sam@example.org”"]
