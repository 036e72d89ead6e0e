"""MkDocs build hooks for the guide.

on_post_page and on_post_template say the page is in British English (lang="en-GB"), move
every inline script Material writes into a file of its own (named by its content's hash) and
put the site's Content-Security-Policy in a <meta> tag, so that ``script-src 'self'`` holds
wherever the static guide is served, with no 'unsafe-inline'. The policy comes from
``extra.content_security_policy`` (written by guide.build from the settings).

on_post_build writes print_page.html: every page of the guide, in reading order, on one page,
for printing and for the PDF. The order comes from ``extra.print_order`` (written by
guide.build) so practice examples are included although they are not in the navigation.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import posixpath
import re
from pathlib import Path

ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL
)
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
# Each page's list of tags is a <nav>: on the print page there would be many with no name
# to tell them apart (and tags are no use on paper), so they are left out there.
TAGS = re.compile(r'<nav class="md-tags"\s*>.*?</nav>', re.DOTALL)
SKIP_LINK = re.compile(r'(<a href=")#[^"]*(" class="md-skip">)')


INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL)
HEAD = re.compile(r"<head>", re.IGNORECASE)
# The guide is written in British English; Material's words are its "en" ones (it has no
# en-GB set), so only the page's declared language changes.
HTML_LANG = re.compile(r'<html lang="en"')
INLINE_FOLDER = "assets/javascripts/inline"


def _is_inline_code(attrs: str) -> bool:
    # A script with a src is already a file; JSON data (Material's __config) never runs.
    return "src=" not in attrs and "application/json" not in attrs


def _theme_script_patterns() -> list[re.Pattern]:
    """The inline scripts Material's own templates write (their Jinja expressions may be
    anything). Only these are moved into files: any other inline script in a built page came
    from content and is dropped, so the policy cannot be got round through this hook."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    patterns = []
    for template in sorted(folder.glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(), re.DOTALL):
            pieces = re.split(r"\{\{.*?\}\}", body)
            # An expression there is a URL (base_url, scope): nothing that could end a string.
            slot = r"[\w./:#%-]*"
            patterns.append(re.compile(slot.join(re.escape(p) for p in pieces), re.DOTALL))
    return patterns


THEME_SCRIPTS = _theme_script_patterns()


def is_theme_script(body: str) -> bool:
    return any(pattern.fullmatch(body) for pattern in THEME_SCRIPTS)


def externalise_scripts(output: str, site_dir: Path, depth: int) -> str:
    """Every inline script becomes ``<script src=...>`` pointing at a file holding exactly
    its code. Order and timing are kept: a classic script without async or defer runs where
    it stands, just as the inline one did."""

    def move(match):
        attrs, body = match.group("attrs"), match.group("body")
        if not _is_inline_code(attrs):
            return match.group(0)
        if not is_theme_script(body):
            return ""  # not the theme's: content never carries a script
        name = hashlib.sha256(body.encode("utf-8")).hexdigest()[:20] + ".js"
        target = site_dir / INLINE_FOLDER / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        return f'<script{attrs} src="{"../" * depth}{INLINE_FOLDER}/{name}"></script>'

    return INLINE_SCRIPT.sub(move, output)


def with_policy(output: str, policy: str) -> str:
    if not policy:
        return output
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html_lib.escape(policy)}">'
    return HEAD.sub(lambda m: m.group(0) + meta, output, count=1)


# The theme's words about search, in its page settings (__config), said plainly: a reader
# finds pages, not "documents", and is told how to reach the results from the keyboard.
SEARCH_WORDS = {
    "search.result.placeholder": "Type a word to search the guide. Then press the down "
    "arrow key to move through the results, and Enter to open one",
    "search.result.none": "No pages match",
    "search.result.one": "1 page matches",
    "search.result.other": "# pages match",
}


def plain_search_words(output: str) -> str:
    for key, words in SEARCH_WORDS.items():
        output = re.sub(rf'("{re.escape(key)}":\s*)"[^"]*"', rf'\1"{words}"', output, count=1)
    return output


def _finish(output: str, config, depth: int) -> str:
    """Every page written: in British English, with plain search words, its scripts in
    files and its policy."""
    policy = config.get("extra", {}).get("content_security_policy", "")
    output = plain_search_words(HTML_LANG.sub('<html lang="en-GB"', output, count=1))
    return with_policy(externalise_scripts(output, Path(config["site_dir"]), depth), policy)


def on_post_page(output, page, config, **kwargs):
    return _finish(output, config, page.url.count("/"))


def on_post_template(output_content, template_name, config, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    return _finish(output_content, config, 0)


def _html_path(src: str) -> str:
    return src[:-3] + ".html" if src.endswith(".md") else src


# A link or picture address relative to its page (not a scheme, not "/", not "#...").
RELATIVE = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]+)"')


def _relocate(html: str, folder: str, n: int, sections: dict[str, int]) -> str:
    """Make a page's article fit the print page: addresses relative to the guide's root (the
    page was in ``folder``), a link to another page of the guide goes to that page's section
    of the print page (so it works in the PDF too), and ids are made unique."""

    def rebase(match):
        attr, target = match.group(1), match.group(2)
        path, hashmark, fragment = target.partition("#")
        where = posixpath.normpath(posixpath.join(folder, path)) if path else ""
        if attr == "href" and where in sections:
            section = sections[where]
            return f'href="#p{section}-{fragment}"' if fragment else f'href="#print-{section}"'
        return f'{attr}="{where}{hashmark}{fragment}"'

    html = re.sub(r'\bid="([^"]+)"', rf'id="p{n}-\1"', html)
    html = re.sub(r'href="#([^"]+)"', rf'href="#p{n}-\1"', html)
    html = RELATIVE.sub(rebase, html)  # after: the sections it links to are named already
    # Headings shift down one level so the print page has a single h1.
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def on_post_build(config, **kwargs):
    order = config.get("extra", {}).get("print_order") or []
    site = Path(config["site_dir"])
    # The site answers a missing page itself; the theme's 404.html links from the server's
    # root, which is wrong for a guide that lives in its own folder (/guides/<slug>/).
    (site / "404.html").unlink(missing_ok=True)
    shell_path = site / "index.html"
    if not order or not shell_path.exists():
        return
    # What the printed paper starts with: the guide's name, not an instruction to print it.
    name = html_lib.escape(config["site_name"])
    parts = [f'<h1 id="print-title">{name}: the whole guide</h1>']
    sections = {_html_path(src): n for n, src in enumerate(order)}
    for n, src in enumerate(order):
        page = site / _html_path(src)
        if not page.exists():
            continue
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        body = _relocate(TAGS.sub("", match.group(2)), posixpath.dirname(src), n, sections)
        parts.append(f'<section class="print-section" id="print-{n}">{body}</section>')
    shell = shell_path.read_text(encoding="utf-8")
    combined = "\n".join(parts)
    html = ARTICLE.sub(lambda m: m.group(1) + combined + m.group(3), shell, count=1)
    html = TITLE.sub(f"<title>The whole guide - {name}</title>", html, count=1)
    # "Skip to content" goes to this page's own heading (the home page's is not here).
    html = SKIP_LINK.sub(r"\1#print-title\2", html, count=1)
    (site / "print_page.html").write_text(html, encoding="utf-8")
