"""Markdown for the guide: one renderer, so the CMS shows what the guide shows, and the rules
that keep anything executable out of it. Nothing typed by a person becomes markup it did not
mean: raw HTML is shown as text, and every link and picture address must be http, https or a
relative link inside the guide."""

import html
import re

import markdown as md
import nh3
from django.utils.safestring import mark_safe

EXTENSIONS = ["extra", "sane_lists"]
SAFE_SCHEMES = {"http", "https"}
# What rich text from the page editor may keep on its way to Markdown.
RICH_TEXT_TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060\ufeff]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# An inline link or picture's destination (``<...>`` or up to the first ")"), and a
# reference definition's: wherever "[label]:" stands (a definition also counts inside a list
# item or a quote, and its address may start on the next line), the address after it.
_INLINE_TARGET = re.compile(r"(\]\(\s*)(<[^>\n]*>?|[^)\n]*)")
_REFERENCE = re.compile(r"(\[[^\]\n]+\]:\s*)(\S*)")


def safe_url(url: str) -> bool:
    """http, https, or a link with no scheme at all (relative, inside the guide). Browsers
    ignore tabs, line breaks and control characters in an address and decode entities in
    it, so the check does too."""
    value = _INVISIBLE.sub("", html.unescape(html.unescape(url or ""))).lstrip("<")
    if value.startswith("//") or value.startswith("\\"):  # another site
        return False
    scheme = _SCHEME.match(value)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def _defuse(match) -> str:
    lead, target = match.group(1), match.group(2)
    return lead + (target if safe_url(target) else "#link-removed")


def defuse_links(text: str) -> str:
    """Every link or picture address in Markdown that is not http, https or relative loses
    its address. The exporter passes every generated page through this last, whatever
    built it."""
    text = _INLINE_TARGET.sub(_defuse, text or "")
    return _REFERENCE.sub(_defuse, text)


def neutralise_html(text: str) -> str:
    """Untrusted Markdown, made safe to publish: a link or picture whose address is not
    http, https or relative loses that address, and raw HTML shows as text and never runs."""
    # Braces escaped: the guide's attr_list extension would otherwise read "{: onclick=...}"
    # as attributes of the element before it.
    return defuse_links(text).replace("<", "&lt;").replace("{", "\\{")


def clean_rich_text(value: str) -> str:
    """Rich text from the page editor, reduced to the elements and addresses the guide allows."""
    return nh3.clean(
        value or "",
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan", "scope"}},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
    )


def markdown_link(title: str, url: str, escape) -> str:
    """``[title](url)``, or the title alone when the address is not one the guide allows."""
    if not safe_url(url) or re.search(r"[\s\x00-\x1f\x7f]", (url or "").strip()):
        return escape(title)  # an address with a line break in it could start new Markdown
    target = url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{escape(title)}]({target})"


def render_markdown(text: str):
    html = md.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return mark_safe(nh3.clean(html))  # noqa: S308 - sanitised by nh3
