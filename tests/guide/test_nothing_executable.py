"""The published guide holds nothing executable and no unsafe address: 200 script and link
payloads go in through each way text reaches the guide (a chapter's rich text, an example's
Markdown and links list, useful websites, the glossary), the guide is built, and no built
file, the search index included, carries executable markup or an unsafe URL."""

import html
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from guide.markdown import neutralise_html, safe_url
from guide.models import GlossaryTerm, GuideChapterPage, PracticeExample, UsefulLink
from tests.guide.admin_form import example_data, list_data

pytestmark = pytest.mark.usefixtures("demo_db")

SCRIPTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<ScRiPt>alert(1)</sCrIpT>",
]
SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#115;cript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
]


def payloads() -> list[str]:
    found = []
    for script in SCRIPTS:
        found += [script, html.escape(script), f"**{script}**", f"`{script}`", f"> {script}"]
    # attr_list would read these as attributes of the element before them.
    found += [
        '[site](https://ok.example){: href="javascript:alert(1)" onclick="alert(1)" }',
        'A paragraph.\n{: onmouseover="alert(1)" }',
        '# Heading {: onmouseover="alert(1)" }',
    ]
    for url in SCHEMES:
        found += [
            f"[click]({url})",
            f"![picture]({url})",
            f"[click]( <{url}> )",
            f"[ref]: {url}",
            f"- [ref]: {url}",
            f"> [ref]: {url}",
            f"[ref]:\n   {url}",
            f'<a href="{url}">click</a>',
        ]
    found += [f"{p} {q}" for p, q in zip(found[:100], reversed(found[:100]), strict=True)]
    return found


def test_there_are_200_payloads():
    assert len(payloads()) >= 200


TAG = re.compile(r"<[a-zA-Z][^>]*>")
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
PAYLOAD_CODE = ("alert(", "msgbox(")
ADDRESS = re.compile(
    r"""\b(?:href|src|action|formaction|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)


def scan(site: Path) -> list[str]:
    """Markup that runs: an event-handler attribute or a payload's code inside any tag, a
    script element carrying a payload's code, or an address that is not http, https or
    relative. (The theme's own markup has none of these.)"""
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".json", ".xml") or "assets" in path.parts:
            continue
        text = path.read_text(errors="replace")
        if path.suffix == ".json":
            # The search index holds page text; its results are drawn as HTML.
            text = json.dumps(json.loads(text), ensure_ascii=False).replace('\\"', '"')
        for tag in TAG.findall(text):  # real tags only: escaped text (&lt;...) is just text
            for quoted in ADDRESS.findall(tag):
                address = "".join(quoted)
                if not safe_url(address):
                    problems.append(f"{path.name}: address {address[:80]}")
            # A link to a place on the same page (#...) is inert, whatever its name says.
            tag = re.sub(r"""href=(["'])#.*?\1""", "", tag)
            if HANDLER.search(tag) or any(code in tag for code in PAYLOAD_CODE):
                problems.append(f"{path.name}: {tag[:80]}")
        for body in SCRIPT.findall(text):
            if any(code in body for code in PAYLOAD_CODE):
                problems.append(f"{path.name}: script {body[:80]}")
    return problems


def test_no_payload_survives_any_path_into_the_built_guide(guide_dirs):
    _, site = guide_dirs
    every = payloads()
    chapter = GuideChapterPage.objects.live().first()
    chapter.body.append(("text", RichText("".join(f"<p>{html.escape(p)}</p>" for p in every))))
    chapter.body.append(("text", RichText("".join(f"<p>{p}</p>" for p in every))))
    chapter.save_revision().publish()
    example = PracticeExample.objects.first()
    example.approach = "\n\n".join(every)
    example.outcomes = "\n".join(f"- {p}" for p in every)
    example.further_information = "\n\n".join(every)
    example.links = [{"title": p[:60], "url": url} for p in every[:20] for url in SCHEMES]
    example.save()
    for n, url in enumerate(SCHEMES):
        UsefulLink.objects.create(title=f"Unsafe {n}", url=f"https://ok.example/{n}")
        UsefulLink.objects.filter(title=f"Unsafe {n}").update(url=url)  # past the validator
    GlossaryTerm.objects.create(term="Payloads", definition=" ".join(every))

    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (site / "search" / "search_index.json").exists()
    problems = scan(site)
    assert problems == [], problems[:20]
    # The words are still there for a reader, as text.
    chapter_html = (site / "chapters" / f"{chapter.slug}.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in chapter_html
    assert_scripts_only_from_files_under_the_policy(site)


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def assert_scripts_only_from_files_under_the_policy(site: Path):
    """No page of the built guide holds a script's code (Material's inline scripts are moved
    into files), and each carries the site's policy in a <meta> tag, for any static host."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text()
        assert not INLINE_CODE.search(text), page.name
        policy = META_POLICY.search(text)
        assert policy, page.name
        assert "script-src 'self'" in policy.group(1).replace("&#x27;", "'"), page.name
        assert "unsafe-inline" not in policy.group(1).split("script-src")[1].split(";")[0]
    moved = list((site / "assets" / "javascripts" / "inline").glob("*.js"))
    assert moved  # the theme's own little scripts are there, as files
    assert any("__md_scope" in m.read_text() for m in moved)


def test_the_guide_is_served_with_the_sites_policy(guide_dirs, client):
    _, site = guide_dirs
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get("/guides/living-well/")
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    script_src = next(d for d in header.split(";") if d.strip().startswith("script-src"))
    assert script_src.strip() == "script-src 'self'"
    assert "frame-ancestors 'none'" in header


@pytest.mark.parametrize("url", SCHEMES)
def test_unsafe_addresses_lose_their_target(url):
    assert not safe_url(url)
    assert url not in neutralise_html(f"[x]({url})") or url.startswith(" ")


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org", "../examples/x.md", "#top", "a.md"]
)
def test_safe_addresses_are_kept(url):
    assert safe_url(url)
    assert f"]({url})" in neutralise_html(f"[x]({url})")


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The check above could fail: it finds each kind of fault in a page made to have them."""
    (tmp_path / "bad.html").write_text(
        '<p><img src=x onerror="alert(1)"></p><a href="javascript:alert(1)">x</a>'
        "<script>alert(1)</script><a href=' java\tscript:alert(1)'>y</a>"
        "<p>&lt;img src=x onerror=alert(1)&gt; is only text</p>"
    )
    found = scan(tmp_path)
    assert any("onerror" in p for p in found)
    assert any(p.endswith("address javascript:alert(1)") for p in found)
    assert any("address  java\tscript:alert(1)" in p for p in found)
    assert any("script alert(1)" in p for p in found)
    assert not any("only text" in p for p in found)


def _admin_form_path(client, every):
    """An editor types the payloads into a practice example in the Wagtail admin."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    example = PracticeExample.objects.order_by("pk").last()
    links = [
        {"title": "Leaflet", "url": "https://example.org/leaflet"},
        {"title": "Sneaky", "url": "https://a.example/x\n[evil2]:javascript:alert(2)//"},
    ]
    data = example_data(
        example,
        title='Village agents <script>document.title="XSS"</script> {: onclick="alert(1)" }',
        approach="\n\n".join(every),
        outcomes="\n".join(f"- {p}" for p in every),
        further_information=" ".join(every) + " [click][evil2]",
        links=links,
        contacts=[],
        tags=[every[0][:40]],
    )
    url = f"/admin/snippets/guide/practiceexample/edit/{example.pk}/"
    # The link field refuses an address with a line break (which could start new Markdown).
    response = client.post(url, data)
    assert response.status_code == 200 and "Enter a valid URL" in response.content.decode()
    data.update(list_data("links", links[:1]))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    example.refresh_from_db()
    assert every[0] in example.approach
    return example


def _importer_path(tmp_path, every):
    import yaml

    from guide.models import Theme

    folder = tmp_path / "payload-collection"
    (folder / "examples").mkdir(parents=True)
    first = Theme.objects.order_by("position").first()
    first.name = "<svg onload=alert(1)> Choice"
    first.save()
    theme = first.name
    (folder / "collection.yml").write_text(
        yaml.safe_dump({"title": "Payload collection", "themes": [theme]}), encoding="utf-8"
    )
    front = yaml.safe_dump(
        {"title": "Payload example", "theme": theme, "organisations": ["Payload Trust"]}
    )
    body = (
        "## Our approach\n\n"
        + "\n\n".join(every)
        + "\n\n## Outcomes\n\n"
        + "\n".join(f"- {p}" for p in every)
        + "\n\n## Further information\n\n"
        + " ".join(f"[more]({u})" for u in SCHEMES)
        + "\n"
    )
    (folder / "examples" / "payload-example.md").write_text(
        f"---\n{front}---\n\n{body}", encoding="utf-8"
    )
    (folder / "glossary.yml").write_text(
        yaml.safe_dump([{"term": "Payload term", "definition": " ".join(every)}]),
        encoding="utf-8",
    )
    call_command(
        "import_practice_examples",
        str(folder),
        "--guide",
        "living-well",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert PracticeExample.objects.filter(key="payload-example").exists()


def _story_quote_path(every, example):
    from engagement.models import InquiryPage, Story
    from engagement.stories import services

    inquiry = InquiryPage.objects.get(slug="when-support-worked-well")
    moderator = inquiry.programme.roles.first().user
    story = services.receive_story(
        inquiry=inquiry,
        data={
            "text": "A plain story.",
            "teller": "A carer",
            "consent_learning": True,
            "consent_quote": True,
            "consent_first_name": True,
            "first_name": "<script>alert(13)</script>",
        },
        files={},
    )
    services.move(story, Story.IN_REVIEW, by=moderator)
    services.move(story, Story.PUBLISHABLE, by=moderator, redacted_text="\n".join(every))
    chapter = GuideChapterPage.objects.live().last()
    chapter.title = "<img src=x onerror=alert(1)> Chapter"  # titles reach the navigation
    chapter.body.append(("story_quote", {"story": str(story.pk), "heading": every[1][:200]}))
    chapter.body.append(("practice_example", {"example": example, "note": every[2]}))
    chapter.body.append(
        (
            "callout",
            {
                "kind": "tip",
                "heading": '<img src=x onerror=alert(12)><script>alert(12)</script>"',
                "text": RichText("<p>Plain.</p>"),
            },
        )
    )
    chapter.save_revision().publish()
    return chapter


def test_payloads_through_the_admin_the_importer_and_story_quotes(guide_dirs, client, tmp_path):
    _, site = guide_dirs
    every = payloads()
    example = _admin_form_path(client, every)
    _importer_path(tmp_path, every)
    chapter = _story_quote_path(every, example)
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems = scan(site)
    assert problems == [], problems[:20]
    # Each path really reached the guide, as text.
    built = {p.name: p.read_text() for p in site.rglob("*.html")}
    assert "onerror=alert(1)" in built[f"{example.key}.html"]
    assert "Payload example" in built["payload-example.html"]
    assert "onerror=alert(1)" in built["payload-example.html"]
    assert "onerror=alert(1)" in built[f"{chapter.slug}.html"]
    # The injected scripts are gone, not moved into files where the policy would allow them.
    for js in (site / "assets" / "javascripts" / "inline").glob("*.js"):
        assert "alert" not in js.read_text() and "XSS" not in js.read_text(), js.name
