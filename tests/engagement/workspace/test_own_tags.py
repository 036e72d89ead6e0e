"""A programme's own progress-log tags replace the usual three lists on its entry form."""

import pytest
from django.urls import reverse

from engagement.models import ProgressEntry, Tag
from tests import factories as f


@pytest.fixture
def setting(db):
    programme = f.make_programme()
    programme.progress_tags = "Employment\nPooled budgets"
    programme.save_revision().publish()
    locality = f.make_locality(programme)
    member = f.add_member(locality, role="carer")
    return programme, locality, member


def test_entry_form_offers_the_programmes_own_tags(setting, client):
    programme, locality, member = setting
    client.force_login(member)
    url = reverse("workspace:entry_new", args=[locality.slug])
    html = client.get(url).content.decode()
    assert "Pooled budgets" in html and "Steps of self-directed support" not in html
    phase = programme.phases.last()
    response = client.post(
        url,
        {
            "entry_date": phase.start_date.isoformat(),
            "phase": phase.pk,
            "what_we_did": "Met two employers.",
            "own_tags": ["Employment"],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(what_we_did="Met two employers.")
    (tag,) = entry.tags.all()
    assert (tag.name, tag.group, tag.programme_id) == ("Employment", Tag.OWN, programme.pk)
    # A tag taken off the list stays on the entries that have it, and is still offered there.
    programme.progress_tags = "Pooled budgets\nTransport"
    programme.save_revision().publish()
    edit = client.get(reverse("workspace:entry_edit", args=[locality.slug, entry.pk]))
    assert "Employment" in edit.content.decode() and "Transport" in edit.content.decode()
    refused = client.post(url, {"what_we_did": "x", "own_tags": ["Made up"], "draft": "1"})
    assert refused.status_code == 400 and not Tag.objects.filter(name="Made up").exists()


def test_without_own_tags_the_usual_lists_stay(db, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    member = f.add_member(locality, role="carer")
    client.force_login(member)
    html = client.get(reverse("workspace:entry_new", args=[locality.slug])).content.decode()
    assert "Steps of self-directed support" in html and "own_tags" not in html
    # Each list of specialist words says what it means, in plain words.
    assert "The steps a person takes to plan and run their own support" in html
    assert "Simple ways of finding out what matters to a person" in html


def test_two_programmes_may_use_the_same_tag_name(db):
    first, second = f.make_programme(), f.make_programme()
    a, b = Tag.own(first, "Employment"), Tag.own(second, "Employment")
    assert a != b and a.slug != b.slug
    assert Tag.own(first, "Employment") == a


def test_switching_lists_keeps_the_tags_entries_already_have(db, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    member = f.add_member(locality, role="carer")
    entry = f.make_entry(locality, member)
    usual = Tag.objects.filter(group=Tag.WHO).first()
    entry.tags.add(usual)
    programme.progress_tags = "Employment"
    programme.save_revision().publish()
    client.force_login(member)
    url = reverse("workspace:entry_edit", args=[locality.slug, entry.pk])
    form = {
        "version": entry.version,
        "entry_date": entry.entry_date.isoformat(),
        "phase": entry.phase_id,
        "what_we_did": entry.what_we_did,
        "own_tags": ["Employment"],
        "submit": "1",
    }
    assert client.post(url, form).status_code == 302
    assert {t.name for t in entry.tags.all()} == {usual.name, "Employment"}


def test_an_entrys_tags_read_as_separate_words(setting, client):
    """Tags side by side are read (and copied) as separate words, not run into one."""
    programme, locality, member = setting
    entry = f.make_entry(locality, member, is_learning=True)
    for name in ("Employment", "Pooled budgets"):
        entry.tags.add(
            Tag.objects.create(name=name, slug=f"t-{name[:4]}", group=Tag.OWN, programme=programme)
        )
    client.force_login(member)
    for url in (
        reverse("workspace:entry", args=[locality.slug, entry.pk]),
        reverse("workspace:log", args=[locality.slug]),
    ):
        html = client.get(url).content.decode()
        assert '<span class="tag">Employment</span> <span class="tag">Pooled budgets</span>' in html
