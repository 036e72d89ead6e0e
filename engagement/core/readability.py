"""Plain English check: readability figures and the hardest sentences, using textstat, for
pages, guide chapters, Word documents and PDFs with text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import textstat
from bs4 import BeautifulSoup
from django.utils.html import strip_tags

PASSIVE = re.compile(
    r"\b(am|is|are|was|were|be|been|being)\s+(\w+ly\s+)?(\w+ed|given|made|taken|seen|done|"
    r"known|shown|told|paid|sent|held|kept|left|brought|bought|found|written|spoken)\b",
    re.IGNORECASE,
)


class Unreadable(Exception):
    """The platform cannot read text from this file; the message says why in plain words."""


# What to aim for. Easy Read asks more: one idea a sentence, 10 words or fewer.
PLAIN = {"ease": 60, "sentence": "20 words or fewer on average", "longest": 25}
EASY_READ = {"ease": 80, "sentence": "10 words or fewer", "longest": 10}


@dataclass
class Readability:
    words: int
    sentences: int
    reading_ease: float
    average_sentence_length: float
    long_words: int
    passive_sentences: int
    hardest: list[str] = field(default_factory=list)
    aims: dict = field(default_factory=lambda: PLAIN)
    too_long: list[str] = field(default_factory=list)  # sentences longer than aims["longest"]

    @property
    def easy_read(self) -> bool:
        return self.aims is EASY_READ

    @property
    def reading_ease_label(self) -> str:
        """Said against the aim shown beside it (60 for plain English, 80 for Easy Read)."""
        score, aim = self.reading_ease, self.aims["ease"]
        if score >= aim + 10:
            return "easy to read"
        if score >= aim:
            return "plain enough (it meets the aim)"
        if score >= aim - 10:
            return "fairly hard to read"
        return "hard to read"


def sentences_of(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n{2,}", text)
    return [p.strip() for p in parts if len(p.split()) >= 3]


def check(text: str, *, easy_read: bool = False) -> Readability | None:
    """Figures for ``text``; None when there is not enough text to judge. An Easy Read
    document is held to Easy Read's aims: short sentences, very easy words."""
    aims = EASY_READ if easy_read else PLAIN
    text = re.sub(r"[ \t]+", " ", text or "").strip()
    sentences = sentences_of(text)
    if not sentences:
        return None
    words = textstat.lexicon_count(text)
    long_words = sum(1 for w in re.findall(r"[A-Za-z]+", text) if textstat.syllable_count(w) >= 3)
    hardest = sorted(sentences, key=lambda s: (textstat.flesch_reading_ease(s), -len(s.split())))[
        :3
    ]
    return Readability(
        words=words,
        sentences=len(sentences),
        reading_ease=round(textstat.flesch_reading_ease(text), 1),
        average_sentence_length=round(words / len(sentences), 1),
        long_words=long_words,
        passive_sentences=sum(1 for s in sentences if PASSIVE.search(s)),
        hardest=[s for s in hardest if textstat.flesch_reading_ease(s) < aims["ease"]],
        aims=aims,
        too_long=[s for s in sentences if len(s.split()) > aims["longest"]][:5],
    )


def text_of_page(page) -> str:
    """The words of any Wagtail page: its title and every text, rich text and stream field."""
    from django.db import models
    from wagtail.fields import RichTextField, StreamField

    page = page.specific
    chunks = [page.title]
    for f in page._meta.concrete_fields:
        value = getattr(page, f.attname, None)
        if not value or f.name == "search_description":
            continue
        if isinstance(f, StreamField):
            chunks.append(strip_tags(str(value.render_as_block())))
        elif isinstance(f, RichTextField):
            chunks.append(strip_tags(value))
        elif isinstance(f, models.TextField):
            chunks.append(str(value))
    return "\n\n".join(chunks)


def text_of_public_page(page) -> str:
    """The words anyone sees on the live page: the page served to a visitor who is not
    signed in, its main content only. Nothing the page keeps for some readers (an event's
    joining details, whom it invited) is read; a page that is not public has no words here.
    Read once for each published version of the page (the site's cache)."""
    from django.core.cache import cache
    from wagtail.models import Page

    if not Page.objects.live().public().filter(pk=page.pk).exists():
        raise Unreadable("This page is not public now, so its words are not checked here.")
    key = f"public-words:{page.pk}:{page.last_published_at and page.last_published_at.timestamp()}"
    text = cache.get(key)
    if text is None:
        text = _served_words(page)
        cache.set(key, text, 24 * 60 * 60)
    if not text:
        raise Unreadable(
            "This page's words are not on the page itself (a guide's pages are read in the "
            "built guide): send it to the panel as a document to check them."
        )
    return text


def _served_words(page) -> str:
    """The main content of ``page`` as served to a visitor; "" when it answers otherwise (a
    guide's page sends visitors to the built guide)."""
    import logging

    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from django.test import RequestFactory

    site = page.get_site()
    request = RequestFactory().get(page.url or "/", HTTP_HOST=site.hostname if site else None)
    request.user = AnonymousUser()
    try:
        response = page.specific.serve(request)
        if hasattr(response, "render"):
            response.render()
    except (Http404, PermissionDenied):
        return ""
    except Exception:  # noqa: BLE001 - a page that cannot be drawn is not read, never a crash
        logging.getLogger(__name__).exception("Could not read the words of page %s", page.pk)
        return ""
    if response.status_code != 200:
        return ""
    main = BeautifulSoup(response.content, "html.parser").find("main")
    if main is None:
        return ""
    for hidden in main(["script", "style", "template"]):
        hidden.decompose()
    return main.get_text("\n\n", strip=True)


def text_of_document(fileobj, name: str) -> str:
    """Text from a Word (.docx) or PDF file. Raise Unreadable with a reason otherwise."""
    lower = name.lower()
    try:
        if lower.endswith(".docx"):
            import docx

            document = docx.Document(fileobj)
            return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())
        if lower.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(fileobj)
            text = "\n\n".join((page.extract_text() or "") for page in reader.pages)
            if not text.strip():
                raise Unreadable("This PDF has no text we can read (it may be a scan).")
            return text
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means the same to the reader
        raise Unreadable("We could not read the text of this document.") from exc
    raise Unreadable("We can only check the words of Word (.docx) documents, PDFs and pages.")
