"""Markdown for practice examples: one renderer, so the CMS shows what the guide shows."""

import markdown as md
import nh3
from django.utils.safestring import mark_safe

EXTENSIONS = ["extra", "sane_lists"]


def neutralise_html(text: str) -> str:
    """Escape raw HTML in untrusted Markdown so it shows as text and never runs."""
    return text.replace("<", "&lt;")


def render_markdown(text: str):
    html = md.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return mark_safe(nh3.clean(html))  # noqa: S308 - sanitised by nh3
