"""MkDocs build hooks for the guide.

on_post_build writes print_page.html: every page of the guide, in reading order, on one page,
for printing and for the PDF. The order comes from ``extra.print_order`` (written by
guide.build) so practice examples are included although they are not in the navigation.
"""

from __future__ import annotations

import re
from pathlib import Path

ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL
)
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def _html_path(src: str) -> str:
    return src[:-3] + ".html" if src.endswith(".md") else src


def _relocate(html: str, depth: int, n: int) -> str:
    """Make a page's article fit the print page: root-relative links, unique ids."""
    if depth:
        html = html.replace('="' + "../" * depth, '="')
    html = re.sub(r'\bid="([^"]+)"', rf'id="p{n}-\1"', html)
    html = re.sub(r'href="#([^"]+)"', rf'href="#p{n}-\1"', html)
    # Headings shift down one level so the print page has a single h1.
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def on_post_build(config, **kwargs):
    order = config.get("extra", {}).get("print_order") or []
    site = Path(config["site_dir"])
    shell_path = site / "index.html"
    if not order or not shell_path.exists():
        return
    parts = ['<h1 id="print-title">Print the whole guide</h1>']
    for n, src in enumerate(order):
        page = site / _html_path(src)
        if not page.exists():
            continue
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        body = _relocate(match.group(2), src.count("/"), n)
        parts.append(f'<section class="print-section" id="print-{n}">{body}</section>')
    shell = shell_path.read_text(encoding="utf-8")
    combined = "\n".join(parts)
    html = ARTICLE.sub(lambda m: m.group(1) + combined + m.group(3), shell, count=1)
    html = TITLE.sub(f"<title>Print the whole guide - {config['site_name']}</title>", html, count=1)
    (site / "print_page.html").write_text(html, encoding="utf-8")
