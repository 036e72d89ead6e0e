"""The published guide in a browser: search, print view, and axe on its pages and the CMS
pages that list practice examples."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.guide.conftest import use_private_guide_dirs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def built_guide(demo, tmp_path, settings):
    _, site = use_private_guide_dirs(tmp_path, settings)
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return site


def test_search_the_guide_and_reach_a_practice_example(live_server, page, built_guide):
    # Under the policy (script-src 'self', no inline code) the theme still works: search,
    # its worker and the page scripts, with no script refused.
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"{live_server.url}/guide/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_contain_text("Living well in later life")
    page.wait_for_load_state("networkidle")  # the search index has loaded in its worker
    page.locator(".md-search__input").click()
    # How to reach the results from the keyboard is said before anything is typed.
    expect(page.locator(".md-search-result__meta")).to_contain_text("down arrow key")
    page.locator(".md-search__input").press_sequentially("payroll", delay=30)
    result = page.locator(".md-search-result__link").first
    expect(result).to_contain_text("Matching personal assistants")
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile("pages? match"))
    # A result reached by the keyboard is marked as plainly as any focused control. (The
    # list may be drawn again as the search settles, taking the focus with it: try again.)
    marked = ""
    for _ in range(20):
        result.focus()
        marked = result.evaluate("e => getComputedStyle(e).backgroundColor")
        if marked == "rgb(255, 221, 0)":
            break
        page.wait_for_timeout(250)
    assert marked == "rgb(255, 221, 0)"
    result.click()
    expect(page).to_have_url(re.compile(r"examples/pa-matching\.html"))
    assert refused == [] and errors == []  # the theme's own scripts all ran
    expect(page.get_by_role("heading", name="Outcomes")).to_be_visible()
    # Headings are said as written, with no "¶" link inside them.
    assert page.locator("article .headerlink").count() == 0


def test_print_view_and_large_print(live_server, page, built_guide):
    page.goto(f"{live_server.url}/guide/")
    page.get_by_role("link", name="Print the whole guide").click()
    expect(page).to_have_url(re.compile(r"print_page\.html"))
    expect(page.get_by_role("heading", name="Village agents for personal budgets")).to_be_visible()
    expect(page.get_by_role("heading", name="Terms and abbreviations")).to_be_visible()
    # Beyond WCAG, the two best-practice rules this page used to fail: one landmark of each
    # name, and all content in a landmark.
    from axe_playwright_python.sync_playwright import Axe

    rules = {"runOnly": {"type": "rule", "values": ["landmark-unique", "region"]}}
    found = Axe().run(page, options=rules).response["violations"]
    assert [v["id"] for v in found] == []
    assert page.locator("a.md-skip").get_attribute("href") == "#print-title"
    toggle = page.get_by_role("button", name="Large print")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.classList.contains('large-print')")


def test_every_page_of_the_demo_guide_has_no_axe_violations(live_server, page, built_guide, axe):
    pages = sorted(p.relative_to(built_guide).as_posix() for p in built_guide.rglob("*.html"))
    assert len(pages) > 30 and "chapters/getting-started-easy-read.html" in pages
    assert "404.html" not in pages  # the site answers missing pages itself
    for path in pages:
        response = page.goto(f"{live_server.url}/guides/living-well/{path}")
        assert response.status == 200, path
        axe(page, path)
        # Headings go down one level at a time (axe's heading-order is advice, so checked here).
        levels = page.eval_on_selector_all(
            "article h1, article h2, article h3, article h4, article h5, article h6",
            "els => els.map(e => Number(e.tagName[1]))",
        )
        assert levels and levels[0] == 1, (path, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
    # The search dialog, open and with results, is named and passes too.
    page.goto(f"{live_server.url}/guides/living-well/index.html")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("carers", delay=30)
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    # Results with tags, some matching the search and some not, are all drawn by now.
    expect(page.locator(".md-search-result .md-tag").first).to_be_visible()
    axe(page, "search dialog with results")
    assert page.get_attribute('.md-search[role="dialog"]', "aria-label") == "Search this guide"


def test_cms_example_pages_have_no_axe_violations(live_server, page, demo, axe):
    for label, path in {
        "every guide's examples": "/practice-examples/",
        "examples by theme": "/practice-examples/living-well/",
        "theme": "/practice-examples/living-well/themes/developing-choice-and-control/",
        "example": "/practice-examples/living-well/village-agents/",
        "list of guides": "/guides/",
        "guide not built": "/guides/living-well/",
    }.items():
        page.goto(live_server.url + path)
        axe(page, label)


def test_a_second_programme_sets_up_its_guide_in_the_admin_and_reads_it(
    live_server, page, demo, axe, tmp_path, settings
):
    from site_content.models import HomePage
    from tests import factories as f
    from tests.guide.conftest import use_private_guide_dirs

    from .conftest import sign_in

    use_private_guide_dirs(tmp_path, settings)
    programme = f.make_programme("Northfield Carers")
    home = HomePage.objects.get()
    base = live_server.url
    sign_in(page, base, "admin@example.org")
    page.goto(f"{base}/admin/pages/add/guide/guidepage/{home.pk}/")
    page.locator("#id_title").fill("Northfield carers' guide")
    page.locator("#id_title").press("Tab")
    page.locator("#id_introduction").fill("What carers in Northfield learned about breaks.")
    # The programme is picked with Wagtail's page chooser.
    page.locator("#id_programme-chooser .chooser__choose-button").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=programme.title).first.click()
    expect(page.locator("#id_programme")).to_have_value(str(programme.pk))
    page.locator("#id_editors").fill("Northfield Carers Centre")
    page.locator("#id_about").fill("Written by carers in Northfield, for carers anywhere.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text("Page 'Northfield carers' guide' created and published")
    ).to_be_visible()

    # Publish guide: the list of guides, then this guide's check.
    page.goto(f"{base}/admin/guide/publish/")
    page.get_by_role("link", name="Check and publish “Northfield carers' guide”").click()
    expect(page.get_by_text("Nothing would be left out")).to_be_visible()
    page.get_by_role("button", name="Publish guide").click()
    expect(page.get_by_text("“Northfield carers' guide” has been published.")).to_be_visible()

    # Readers find it on the programme's page and read it at its own address.
    page.goto(base + programme.url)
    page.get_by_role("link", name="Northfield carers' guide").click()
    expect(page).to_have_url(re.compile(r"/guides/northfield-carers-guide/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northfield carers' guide")
    expect(page.get_by_text("Edited by Northfield Carers Centre.")).to_be_visible()
    axe(page, "second guide home")
    page.get_by_role("link", name="About this guide").first.click()
    expect(
        page.get_by_text("Written by carers in Northfield, for carers anywhere.")
    ).to_be_visible()
    axe(page, "second guide about page")
    assert "Living well" not in page.content()  # nothing of the demo guide


def test_practice_example_lists_are_edited_as_fields_in_the_admin(live_server, page, demo):
    from guide.models import PracticeExample

    from .conftest import sign_in

    example = PracticeExample.objects.get(guide__slug="living-well", key="village-agents")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/admin/snippets/guide/practiceexample/edit/{example.pk}/")
    # Each organisation is its own text box, filled in from what is stored.
    page.wait_for_load_state("networkidle")
    assert errors == []
    boxes = page.locator('input[name="organisations-0-value"]')
    expect(boxes.first).to_have_value(example.organisations[0])
    contact = page.locator('input[name="contacts-0-value-email"]')
    expect(contact).to_have_value(example.contacts[0]["email"])
    contact.fill("agents@example.org")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("updated")).to_be_visible()
    example.refresh_from_db()
    assert example.contacts[0]["email"] == "agents@example.org"
    assert example.organisations and errors == []


def test_a_chapter_quotes_a_story_found_with_the_chooser(live_server, page, demo):
    from engagement.models import Story
    from guide.models import GuideChapterPage

    from .conftest import sign_in

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    story = Story.objects.publishable().order_by("pk").first()
    chapter = GuideChapterPage.objects.get(slug="getting-started")
    sign_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/admin/pages/{chapter.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # Add a story quote block and choose the story by searching for its reference.
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=re.compile("Story quote")).click()
    page.get_by_role("button", name="Choose a story to quote").last.click()
    modal = page.locator(".modal-content")
    modal.get_by_label("Search stories").fill(story.reference)
    modal.get_by_role("link", name=re.compile(story.reference)).first.click()
    expect(page.get_by_text(f"{story.reference}: ").last).to_be_visible()
    assert errors == []


def test_one_page_of_each_type_of_a_large_guide_has_no_axe_violations(
    live_server, page, demo, axe, tmp_path, settings
):
    """A generated compendium of 240 examples: listings run to several pages."""
    use_private_guide_dirs(tmp_path, settings)
    folder = tmp_path / "large"
    (folder / "examples").mkdir(parents=True)
    themes = ["Choice and control", "Prevention"]
    (folder / "collection.yml").write_text(
        "title: Large compendium\neditors: [Bench Partnership]\npublished: 2011-05\n"
        "themes:\n" + "".join(f"  - {t}\n" for t in themes)
    )
    (folder / "glossary.yml").write_text("- term: Carer\n  definition: Someone who helps.\n")
    (folder / "links.yml").write_text("- title: Directory\n  url: https://example.org/d\n")
    for i in range(240):
        (folder / "examples" / f"example-{i:03d}.md").write_text(
            f"---\ntitle: Example {i}\ntheme: {themes[i % 2]}\norganisations: [Council {i % 7}]\n"
            f"tags: [tag-{i % 3}, shared]\n---\n\n## Our approach\n\nWe listened, week {i}.\n\n"
            f"## Outcomes\n\n- {i} people reached.\n"
        )
    call_command("import_practice_examples", str(folder), stdout=io.StringIO())
    call_command("build_guide", "--guide", "large-compendium", "--no-pdf", stdout=io.StringIO())
    base = f"{live_server.url}/guides/large-compendium/"
    for path in (
        "index.html",
        "about.html",
        "how-to-use.html",
        "themes/choice-and-control.html",
        "themes/choice-and-control-2.html",
        "examples/example-007.html",
        "tags.html",
        "tags/shared.html",
        "tags/shared-3.html",
        "glossary.html",
        "links.html",
        "print_page.html",
    ):
        response = page.goto(base + path)
        assert response.status == 200, path
        axe(page, f"large guide: {path}")


def test_everything_the_keyboard_reaches_in_the_guide_can_be_seen(live_server, page, built_guide):
    """Tab through a guide page, wide and at 320px: each stop is a thing on screen, never a
    hidden part of the theme (the closed search's results, a closed menu's links)."""
    hidden_stops = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/guide/")
        page.wait_for_load_state("networkidle")
        for _ in range(60):
            page.keyboard.press("Tab")
            stop = page.evaluate(
                """() => {
                  document.getAnimations().forEach(a => a.finish());
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const r = e.getBoundingClientRect();
                  const s = getComputedStyle(e);
                  let seen = r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                    && r.right > 0 && r.left < window.innerWidth;
                  for (let p = e; p && seen; p = p.parentElement) {
                    const ps = getComputedStyle(p);
                    if (ps.display === 'none' || parseFloat(ps.opacity) === 0) seen = false;
                  }
                  return {what: e.outerHTML.slice(0, 120), seen};
                }"""
            )
            if stop and not stop["seen"]:
                hidden_stops.append((width, stop["what"]))
    assert hidden_stops == []


def _tab_to(page, name: str) -> bool:
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == name:
            return True
    return False


def test_the_guide_menu_and_search_open_from_the_keyboard_on_a_narrow_screen(
    live_server, page, built_guide
):
    """On a narrow or zoomed screen the theme keeps its menu and search behind icons: each is
    a named button the keyboard reaches, and opening it takes the keyboard into it."""
    for width in (640, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/guide/")
        page.wait_for_load_state("networkidle")
        assert _tab_to(page, "Menu"), width
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        menu = page.locator('.md-header__button[aria-label="Menu"]')
        assert menu.get_attribute("aria-expanded") == "true"
        inside = page.evaluate(
            """() => {
              const e = document.activeElement;
              return !!e.closest('.md-sidebar--primary') && e.getBoundingClientRect().width > 0;
            }"""
        )
        assert inside, (
            width,
            page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"),
        )
        # Escape closes the menu and gives the keyboard back to its button.
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu"
        page.goto(f"{live_server.url}/guide/")
        page.wait_for_load_state("networkidle")
        assert _tab_to(page, "Search"), width
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("carers")
        page.wait_for_selector(".md-search-result__item", timeout=5000)
        # Escape closes the search and gives the keyboard back to the button that opened it.
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
            "Search"
        ), width


def test_search_results_are_one_landmark_and_escape_goes_back(live_server, page, built_guide):
    """Each result's tags are links inside the result, not a landmark of their own (axe's
    landmark-unique: many unnamed navs); Escape closes the search and the keyboard goes on
    from where it was before the search, not from the top of the page."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/guide/")
    page.wait_for_load_state("networkidle")
    before = None
    for _ in range(30):
        was = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('md-search__input')"):
            before = was
            break
    assert before and not before.startswith("<body")
    page.keyboard.type("carers")
    expect(page.locator(".md-search-result .md-tag").first).to_be_visible()
    rules = {"runOnly": {"type": "rule", "values": ["landmark-unique"]}}
    found = Axe().run(page, options=rules).response["violations"]
    assert [v["id"] for v in found] == []
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)") == before
    assert not page.evaluate("() => document.getElementById('__search').checked")
