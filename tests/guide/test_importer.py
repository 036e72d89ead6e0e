"""The importer: every error case in shared/formats/practice-examples.md, idempotence, dry
run, and all-or-nothing."""

import pytest
from django.core.management import CommandError, call_command

from engagement.models import LocalityPage
from guide.models import GlossaryTerm, GuidePage, PracticeExample, Theme, UsefulLink
from tests import factories as f


def run(path, *args):
    out, err = _Buf(), _Buf()
    call_command("import_practice_examples", str(path), *args, stdout=out, stderr=err)
    return out.text, err.text


class _Buf:
    def __init__(self):
        self.text = ""

    def write(self, s, *a, **k):
        self.text += s + "\n"

    def flush(self):
        pass


@pytest.fixture
def localities(db):
    programme = f.make_programme()
    for slug in (
        "ashcombe",
        "brindle-moor",
        "carrick-vale",
        "elmhurst",
        "greywell",
        "hollin-bank",
        "kestrel-downs",
        "dunford",
    ):
        page = f.make_locality(programme, slug.title())
        LocalityPage.objects.filter(pk=page.pk).update(slug=slug)


def fails_with(path, *expected):
    with pytest.raises(CommandError) as exc:
        err = _Buf()
        call_command("import_practice_examples", str(path), stdout=_Buf(), stderr=err)
    messages = err.text
    for text in expected:
        assert text in messages, messages
    assert "nothing was imported" in str(exc.value)
    assert PracticeExample.objects.count() == 0
    return messages


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_imports_everything_with_counts(collection, localities):
    out, _ = run(collection)
    assert "8 examples created, 0 updated, 0 unchanged; 8 glossary terms; 3 links" in out
    assert PracticeExample.objects.count() == 8
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "Developing choice and control",
        "Engagement and co-production",
        "Early intervention and prevention",
        "Efficiencies and sustainability",
    ]
    agents = PracticeExample.objects.get(key="village-agents")
    assert agents.locality.slug == "ashcombe"
    assert agents.organisations == ["Ashcombe Council", "Ashcombe Rural Community Trust"]
    assert "41 older people" in agents.outcomes
    assert agents.contacts[0]["email"] == "jo.example@example.org" and not agents.publish_contacts
    assert GlossaryTerm.objects.get(abbreviation="PB").term == "Personal budget"
    assert UsefulLink.objects.count() == 3


def test_reimport_changes_nothing_and_edits_update_in_place(collection, localities):
    run(collection)
    before = {e.key: e.updated_at for e in PracticeExample.objects.all()}
    out, _ = run(collection)
    assert "0 examples created, 0 updated, 8 unchanged" in out
    assert {e.key: e.updated_at for e in PracticeExample.objects.all()} == before
    edit(collection / "examples" / "pa-matching.md", "52 matches", "60 matches")
    out, _ = run(collection)
    assert "0 examples created, 1 updated, 7 unchanged" in out
    assert PracticeExample.objects.count() == 8
    assert "60 matches" in PracticeExample.objects.get(key="pa-matching").outcomes


def test_dry_run_reports_and_writes_nothing(collection, localities):
    out, _ = run(collection, "--dry-run")
    assert "would create: village-agents" in out
    assert "Would have imported: 8 examples created" in out
    assert PracticeExample.objects.count() == 0 and Theme.objects.count() == 0
    run(collection)
    edit(collection / "examples" / "pa-matching.md", "52 matches", "60 matches")
    out, _ = run(collection, "--dry-run")
    assert "would update: pa-matching" in out and "would leave alone: village-agents" in out
    assert "52 matches" in PracticeExample.objects.get(key="pa-matching").outcomes


def test_unknown_theme(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "theme: Efficiencies and sustainability",
        "theme: Money",
    )
    fails_with(collection, "collection/examples/pa-matching.md:3: unknown theme “Money”")


@pytest.mark.parametrize(
    ("field", "line", "message"),
    [
        (
            "title: Matching personal assistants on shared interests\n",
            None,
            "missing required field “title”",
        ),
        ("theme: Efficiencies and sustainability\n", None, "missing required field “theme”"),
        (
            "organisations: [Kestrel Downs Council, Kestrel Downs Independent Living Centre]\n",
            None,
            "missing required field “organisations”",
        ),
    ],
)
def test_missing_required_field(collection, localities, field, line, message):
    edit(collection / "examples" / "pa-matching.md", field, "")
    fails_with(collection, "pa-matching.md:1: " + message)


def test_missing_required_section(collection, localities):
    edit(collection / "examples" / "pa-matching.md", "## Outcomes", "### Outcomes")
    fails_with(collection, "pa-matching.md: missing required section “## Outcomes”")


def test_unknown_extra_section(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "## Outcomes",
        "## Costs\n\nSome.\n\n## Outcomes",
    )
    fails_with(collection, "pa-matching.md:15: unknown section “## Costs”")


def test_bad_url(collection, localities):
    edit(
        collection / "examples" / "village-agents.md",
        "https://example.org/ashcombe/village-agents",
        "not a url",
    )
    fails_with(collection, "village-agents.md:10: bad URL in links: “not a url”")
    edit(collection / "examples" / "village-agents.md", "not a url", "https://example.org/ok")
    edit(collection / "links.yml", "https://example.org/westbrook-foundation", "ftp//nope")
    fails_with(collection, "links.yml:5: bad URL in links.yml")


def test_bad_date(collection, localities):
    edit(collection / "collection.yml", "published: 2026-11", "published: 2026-13")
    fails_with(collection, "collection.yml:2: bad date “2026-13”")


def test_bad_yaml(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "tags: [direct payments",
        "tags: [direct payments: {",
    )
    fails_with(collection, "pa-matching.md:", "bad YAML")
    edit(
        collection / "examples" / "pa-matching.md",
        "tags: [direct payments: {",
        "tags: [direct payments",
    )
    (collection / "glossary.yml").write_text("- term: A\n  definition: [unclosed\n")
    fails_with(collection, "glossary.yml:3: bad YAML")


def test_unknown_locality(collection, localities):
    edit(collection / "examples" / "village-agents.md", "locality: ashcombe", "locality: atlantis")
    fails_with(collection, "village-agents.md:7: unknown locality “atlantis”")


@pytest.mark.parametrize("order", ["99999999999999999999999", "-1", "true", "2.5"])
def test_an_order_that_is_not_a_small_whole_number(collection, localities, order):
    edit(collection / "examples" / "village-agents.md", "order: 1", f"order: {order}")
    fails_with(collection, "village-agents.md:5: “order” must be a whole number from 0 to")


def test_a_file_name_that_makes_no_key(collection, localities):
    examples = collection / "examples"
    (examples / "\u041f\u0440\u0438\u043c\u0435\u0440.md").write_text(
        (examples / "village-agents.md").read_text().replace("Village agents", "Other agents")
    )
    fails_with(collection, "the file name needs letters or digits from A to Z")


def test_two_files_with_one_key(collection, localities):
    """The key comes from the file name: "Village Agents.md" is "village-agents.md" again."""
    examples = collection / "examples"
    (examples / "Village Agents.md").write_text((examples / "village-agents.md").read_text())
    fails_with(collection, "has the same key “village-agents” as examples/")


def test_duplicate_title(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "title: Matching personal assistants on shared interests",
        "title: Village agents for personal budgets",
    )
    fails_with(
        collection,
        "village-agents.md:2: duplicate title “Village agents for personal budgets” "
        "(also in pa-matching.md)",
    )


def test_unreadable_file(collection, localities):
    (collection / "examples" / "broken.md").mkdir()
    fails_with(collection, "examples/broken.md: cannot be read")


def test_non_utf8_text(collection, localities):
    path = collection / "examples" / "pa-matching.md"
    path.write_bytes(
        path.read_bytes().replace(b"Our approach\n\nA local", b"Our approach\n\nA \xe9local")
    )
    fails_with(collection, "pa-matching.md:11: is not UTF-8 text")


def test_every_problem_is_reported_at_once(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "theme: Efficiencies and sustainability",
        "theme: Money",
    )
    edit(collection / "examples" / "village-agents.md", "locality: ashcombe", "locality: atlantis")
    fails_with(collection, "unknown theme “Money”", "unknown locality “atlantis”")


def test_a_bad_file_in_the_middle_leaves_nothing_behind(collection, localities, monkeypatch):
    """Validation passes, then writing fails part-way: the transaction leaves nothing."""
    real_save = PracticeExample.save
    calls = {"n": 0}

    def flaky_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    guides = GuidePage.objects.count()
    monkeypatch.setattr(PracticeExample, "save", flaky_save)
    with pytest.raises(RuntimeError):
        run(collection)
    assert calls["n"] == 4
    assert PracticeExample.objects.count() == 0
    assert Theme.objects.count() == 0 and GlossaryTerm.objects.count() == 0
    assert GuidePage.objects.count() == guides  # the guide it made is gone too


def test_raw_html_is_escaped_not_executed(collection, localities):
    edit(
        collection / "examples" / "pa-matching.md",
        "A local independent",
        "<script>alert(1)</script> A local independent",
    )
    run(collection)
    example = PracticeExample.objects.get(key="pa-matching")
    assert "<script>" not in example.approach
    html = str(example.approach_html)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_programmes_guide_takes_only_its_own_localities(collection, localities):
    """Another programme's locality in a programme's guide would put that programme's work
    in it (and keep the guide's own team from publishing it): refused with the line."""
    mine = LocalityPage.objects.get(slug="ashcombe").programme
    elsewhere = f.make_locality(f.make_programme("Elsewhere"), "Northfold")
    LocalityPage.objects.filter(pk=elsewhere.pk).update(slug="northfold")
    edit(collection / "examples" / "village-agents.md", "locality: ashcombe", "locality: northfold")
    with pytest.raises(CommandError):
        call_command(
            "import_practice_examples",
            str(collection),
            "--programme",
            mine.slug,
            stdout=_Buf(),
            stderr=(err := _Buf()),
        )
    assert (
        "village-agents.md:7: unknown locality “northfold”: no locality of the guide's "
        "programme has this slug" in err.text
    )
    assert PracticeExample.objects.count() == 0
    # An organisation's guide (no programme) draws on every programme.
    run(collection)
    assert PracticeExample.objects.get(key="village-agents").locality.slug == "northfold"


def test_themes_that_would_share_a_web_address_are_named_not_a_crash(collection, localities):
    """In capitals or punctuation only, or with no letters at all: two themes would get one
    address (a database error before); said for each, with its line, and nothing imported."""
    edit(
        collection / "collection.yml",
        "  - Efficiencies and sustainability",
        "  - Efficiencies and sustainability\n  - developing choice, and control\n  - 🌟\n"
        "  - Engagement and co-production",
    )
    fails_with(
        collection,
        "collection.yml:13: the themes “Developing choice and control” and “developing "
        "choice, and control” would have the same web address",
        "collection.yml:14: the theme “🌟” needs letters or digits",
        "the theme “Engagement and co-production” is listed twice",
    )


def test_values_too_long_to_keep_are_named_not_cut_or_a_crash(collection, localities):
    long_title = "Matching personal assistants " * 10
    edit(
        collection / "examples" / "pa-matching.md",
        "title: Matching personal assistants on shared interests",
        f"title: {long_title.strip()}",
    )
    edit(collection / "glossary.yml", "abbreviation: PB", "abbreviation: " + "PB" * 20)
    edit(
        collection / "links.yml",
        "description: Guides and tools gathered during the programme.",
        "description: " + "Guides and tools. " * 20,
    )
    fails_with(
        collection,
        "pa-matching.md:2: the title “Matching personal assistants Matching pe…” is 289 "
        "characters long; title has 255 at the most",
        "glossary.yml:1: item 1: the abbreviation “PBPBPB",
        "abbreviation has 30 at the most",
        "links.yml:1: item 1: the description “Guides and tools.",
        "description has 300 at the most",
    )


def test_a_term_or_link_given_twice_and_a_list_for_a_title_are_refused(collection, localities):
    glossary = collection / "glossary.yml"
    glossary.write_text(
        glossary.read_text() + "- term: personal budget\n  definition: Something else.\n"
    )
    links = collection / "links.yml"
    first = "https://example.org/later-life-alliance/library"
    links.write_text(links.read_text() + f"- title: Again\n  url: {first}\n")
    edit(
        collection / "examples" / "pa-matching.md",
        "title: Matching personal assistants on shared interests",
        "title: [Matching, assistants]",
    )
    fails_with(
        collection,
        "the term “personal budget” is already item 1; keep one of them",
        f"the url “{first}” is already item 1",
        "pa-matching.md:2: “title” must be text, not a list or a mapping",
    )


def test_a_byte_order_mark_at_the_start_of_an_example_is_not_text(collection, localities):
    path = collection / "examples" / "pa-matching.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    out, _ = run(collection)
    assert PracticeExample.objects.filter(key="pa-matching").exists()
