"""Turn the guide's published content into Markdown files for MkDocs.

Every document passes the publication gate (guide.gate) before it is written. The output is
deterministic: the same content gives byte-identical files.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db.models import Max
from django.utils.text import slugify
from markdownify import markdownify
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from site_content.links import absolute_url

from . import gate
from .markdown import neutralise_html
from .models import (
    GlossaryTerm,
    GuideChapterPage,
    GuideEasyReadPage,
    GuidePage,
    PracticeExample,
    Theme,
    UsefulLink,
)

# What the export writes; everything else in guide/docs is hand-written and kept.
GENERATED = [
    "index.md",
    "chapters",
    "themes",
    "examples",
    "glossary.md",
    "links.md",
    "tags.md",
    "tags",
    "images",
]
FRAMING = ["about.md", "how-to-use.md"]


# Examples listed per theme or tag page; keeps every page small however big the guide grows.
LISTING_SIZE = 50


class ExportError(Exception):
    """A problem that stops the export; the message names the page or file."""


class Refused(ExportError):
    def __init__(self, refusals):
        self.refusals = refusals
        lines = "\n".join(f"  - {r}" for r in refusals)
        super().__init__(
            f"The publication gate refused {len(refusals)} item(s):\n{lines}\n"
            "Fix them, or build with --skip-refused to leave them out."
        )


@dataclass
class Document:
    path: str
    text: str
    items: list = field(default_factory=list)  # what the gate checks for this document


@dataclass
class ExportResult:
    documents: list[Document]
    nav: list
    skipped: list  # refusals left out with --skip-refused
    images: dict  # docs-relative path -> source file path
    last_published: str
    print_order: list  # every page, in reading order, for the print view and PDF


def _front_matter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=True, allow_unicode=True) + "---\n\n"


def _escape_md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text or "")


def _slug(value: str) -> str:
    return slugify(value) or "item"


class Exporter:
    def __init__(self, *, skip_refused: bool = False):
        self.skip_refused = skip_refused
        self.refusals: list = []
        self.skipped: list = []
        self.images: dict[str, str] = {}
        self.guide = GuidePage.objects.live().first()
        self.chapters = (
            list(GuideChapterPage.objects.child_of(self.guide).live().order_by("path"))
            if self.guide
            else []
        )
        self.chapter_paths = {c.pk: f"chapters/{c.slug}.md" for c in self.chapters}

    # --- the gate ------------------------------------------------------------------------

    def admit(self, doc: Document) -> bool:
        found = []
        for item in doc.items:
            found += gate.refusals(item, doc.text)
        if not doc.items:
            found += gate.refusals(doc.path, doc.text)
        found = list(dict.fromkeys(found))
        if not found:
            return True
        if self.skip_refused:
            self.skipped += [f"{doc.path}, because {refusal}" for refusal in found]
        else:
            self.refusals += found
        return False

    # --- rich text -----------------------------------------------------------------------

    def rich_text_to_markdown(self, html: str, where: str, depth: int = 1) -> str:
        prefix = "../" * depth

        def page_link(match):
            page_id = int(match.group(1))
            if page_id in self.chapter_paths:
                target = self.chapter_paths[page_id].split("/", 1)[1]
                return (
                    f'<a href="{target if depth == 1 else prefix + self.chapter_paths[page_id]}">'
                )
            page = Page.objects.filter(pk=page_id).live().first()
            if page is None:
                raise ExportError(
                    f"{where}: a link points to page {page_id}, which is not published."
                )
            return f'<a href="{absolute_url(page.url)}">'

        html = re.sub(r'<a [^>]*linktype="page"[^>]*id="(\d+)"[^>]*>', page_link, html)
        html = expand_db_html(html)
        return markdownify(
            html, heading_style="ATX", bullets="-", strip=["script", "style"]
        ).strip()

    # --- documents -----------------------------------------------------------------------

    def chapter_document(self, chapter: GuideChapterPage) -> list[Document]:
        where = f"chapter “{chapter.title}” (page {chapter.pk})"
        lines = [f"# {_escape_md(chapter.title)}", "", _escape_md(chapter.summary), ""]
        items: list = [chapter]
        easy = chapter.easy_read()
        if easy:
            lines += [f"[Read this chapter in Easy Read]({chapter.slug}-easy-read.md)", ""]
        for block in chapter.body:
            lines += self.block_markdown(block, where, items) + [""]
        sources = self.chapter_sources(chapter, items)
        if sources:
            lines += ["## Where this came from", ""] + sources + [""]
        docs = [Document(self.chapter_paths[chapter.pk], "\n".join(lines).rstrip() + "\n", items)]
        if easy:
            docs.append(self.easy_read_document(chapter, easy))
        return docs

    def block_markdown(self, block, where: str, items: list) -> list[str]:
        kind, value = block.block_type, block.value
        if kind == "text":
            return [self.rich_text_to_markdown(value.source, where)]
        if kind == "callout":
            body = self.rich_text_to_markdown(value["text"].source, where)
            title = f' "{value["heading"]}"' if value["heading"] else ""
            return [f"!!! {value['kind']}{title}", ""] + [
                f"    {line}" if line else "" for line in body.splitlines()
            ]
        if kind == "practice_example":
            example = value["example"]
            items.append(example)
            out = [f'!!! example "Practice example: {example.title}"', ""]
            if value["note"]:
                out.append(f"    {_escape_md(value['note'])}")
                out.append("")
            out.append(
                f"    [Read how {', '.join(example.organisations)} did it]"
                f"(../examples/{example.key}.md)"
            )
            return out
        if kind == "learning":
            entry = value["entry"]
            items.append(entry)
            heading = value["heading"] or f"What {entry.locality.title} learned"
            quote = "\n".join(
                f"> {line}" if line else ">"
                for line in _escape_md(entry.what_we_learned).splitlines()
            )
            return [
                f"### {_escape_md(heading)}",
                "",
                quote,
                ">",
                f"> — {entry.locality.title}, {entry.entry_date:%B %Y}",
            ]
        if kind == "story_quote":
            return self.story_quote_markdown(value, where, items)
        if kind == "checklist":
            out = [f"### {_escape_md(value['title'])}", ""]
            if value["introduction"]:
                out += [_escape_md(value["introduction"]), ""]
            return out + [f"1. {_escape_md(item)}" for item in value["items"]]
        if kind == "figure":
            return [
                self.figure_markdown(value["image"], value["alt_text"], value["caption"], where)
            ]
        raise ExportError(f"{where}: the block type “{kind}” cannot be exported.")

    def story_quote_markdown(self, value, where: str, items: list) -> list[str]:
        """A story's public version, or nothing if the gate refuses it now (withdrawn, consent
        changed, held for safeguarding): the chapter is published without the quote."""
        from engagement.models import Story

        story = Story.objects.select_related("inquiry").filter(pk=value["story"]).first()
        if story is None:
            self.skipped.append(f"{where}: a quoted story no longer exists, so it is left out")
            return []
        found = gate.refusals(story, story.redacted_text)
        if found:
            self.skipped += [f"{where}: left out {refusal}" for refusal in found]
            return []
        items.append(story)
        quote = "\n".join(
            f"> {line}" if line else ">" for line in _escape_md(story.redacted_text).splitlines()
        )
        heading = [f"### {_escape_md(value['heading'])}", ""] if value["heading"] else []
        return heading + [quote, ">", f"> — {story.public_attribution}"]

    def figure_markdown(self, image, alt, caption, where, depth=1) -> str:
        if image is None:
            raise ExportError(f"{where}: a figure's image has been deleted.")
        try:
            source = image.file.path
            if not Path(source).exists():
                raise FileNotFoundError(source)
        except (FileNotFoundError, ValueError, NotImplementedError) as exc:
            raise ExportError(f"{where}: the image “{image.title}” is missing its file.") from exc
        name = f"images/{image.pk}-{Path(image.file.name).name}"
        self.images[name] = source
        text = f"![{alt}]({'../' * depth}{name})"
        return (
            f"<figure markdown>\n{text}\n<figcaption>{_escape_md(caption)}</figcaption>\n</figure>"
            if caption
            else text
        )

    def chapter_sources(self, chapter, items) -> list[str]:
        lines = []
        localities = sorted({loc.title for loc in chapter.source_localities.all()})
        if localities:
            lines.append(f"- Localities: {', '.join(localities)}")
        from engagement.models import ProgressEntry

        entries = sorted((i for i in items if isinstance(i, ProgressEntry)), key=lambda e: e.pk)
        for e in entries:
            lines.append(f"- Progress entry from {e.locality.title}, {e.entry_date:%-d %B %Y}")
        from engagement.models import Action, ReviewRound

        for event in chapter.source_events.order_by("starts_at", "pk"):
            agreed = Action.objects.filter(
                source_type__model="eventpage", source_id=event.pk
            ).count()
            lines.append(
                f"- Event: {_escape_md(event.title)}, {event.local_start:%-d %B %Y}"
                + (f" ({agreed} action{'s' if agreed != 1 else ''} agreed)" if agreed else "")
            )

        for review in (
            ReviewRound.objects.filter(page_id=chapter.pk).select_related("panel").order_by("pk")
        ):
            lines.append(f"- Reviewed by the {review.panel.name}: {_escape_md(review.title)}")
        from engagement.models import Story

        quoted = [i for i in items if isinstance(i, Story)]
        for title in sorted({s.inquiry.title for s in quoted}):
            n = sum(1 for s in quoted if s.inquiry.title == title)
            stories = "story" if n == 1 else "stories"
            lines.append(f"- Appreciative inquiry: {_escape_md(title)} ({n} quoted {stories})")
        examples = sorted((i for i in items if isinstance(i, PracticeExample)), key=lambda e: e.key)
        for ex in examples:
            lines.append(f"- Practice example: [{ex.title}](../examples/{ex.key}.md)")
        return lines

    def easy_read_document(self, chapter, easy: GuideEasyReadPage) -> Document:
        where = f"Easy Read page “{easy.title}” (page {easy.pk})"
        lines = [
            f"# {_escape_md(easy.title)}",
            "",
            f"[Read the full chapter]({chapter.slug}.md)",
            "",
        ]
        for block in easy.points:
            point = block.value
            picture = ""
            if point["image"] is not None:
                picture = self.figure_markdown(point["image"], point["alt_text"] or "", "", where)
            lines += [
                '<div class="easy-read-point" markdown>',
                picture,
                "",
                _escape_md(point["text"]),
                "</div>",
                "",
            ]
        return Document(
            f"chapters/{chapter.slug}-easy-read.md",
            "\n".join(lines).rstrip() + "\n",
            [chapter, easy],
        )

    def example_document(self, ex: PracticeExample) -> Document:
        fm = {"title": ex.title}
        if ex.tags:
            fm["tags"] = sorted(ex.tags)
        lines = [_front_matter(fm) + f"# {_escape_md(ex.title)}", ""]
        lines += [
            f"**Organisations:** {_escape_md(', '.join(ex.organisations))}  ",
            f"**Theme:** [{ex.theme.name}](../themes/{ex.theme.slug}.md)",
            "",
        ]
        lines += ["## Our approach", "", neutralise_html(ex.approach.strip()), ""]
        lines += [
            "## Outcomes",
            "",
            '<div class="outcomes" markdown>',
            "",
            neutralise_html(ex.outcomes.strip()),
            "",
            "</div>",
            "",
        ]
        if ex.further_information.strip():
            lines += [
                "## Further information",
                "",
                neutralise_html(ex.further_information.strip()),
                "",
            ]
        if ex.links:
            lines += (
                ["## Links", ""]
                + [f"- [{_escape_md(link['title'])}]({link['url']})" for link in ex.links]
                + [""]
            )
        contacts = gate.publishable_contacts(ex)
        if contacts:
            lines += ["## Contact", ""]
            for c in contacts:
                parts = [
                    c.get("role", ""),
                    c.get("name", ""),
                    c.get("email", ""),
                    c.get("phone", ""),
                ]
                lines.append("- " + ", ".join(_escape_md(p) for p in parts if p))
            lines.append("")
        if ex.locality_id:
            lines += [f"*From the work of {ex.locality.title}.*", ""]
        if ex.tags:
            tag_links = ", ".join(
                f"[{_escape_md(t)}](../tags/{_slug(t)}.md)" for t in sorted(ex.tags)
            )
            lines += [f"More examples tagged: {tag_links}", ""]
        return Document(f"examples/{ex.key}.md", "\n".join(lines).rstrip() + "\n", [ex])

    def listing_documents(self, folder, slug, title, intro, examples) -> list[Document]:
        """A list of examples split into pages of LISTING_SIZE, so no page grows with the guide."""
        parts = [examples[i : i + LISTING_SIZE] for i in range(0, len(examples), LISTING_SIZE)]
        names = [f"{slug}.md"] + [f"{slug}-{k}.md" for k in range(2, len(parts) + 1)]
        docs = []
        for k, part in enumerate(parts):
            lines = [
                f"# {_escape_md(title)}" + (f" (page {k + 1} of {len(parts)})" if k else ""),
                "",
            ]
            if intro and not k:
                lines += [_escape_md(intro), ""]
            count = len(examples)
            lines += [f"{count} practice example{'s' if count != 1 else ''}.", ""]
            for ex in part:
                lines.append(
                    f"- [{_escape_md(ex.title)}](../examples/{ex.key}.md) — "
                    f"{_escape_md(', '.join(ex.organisations))}"
                )
            if len(parts) > 1:
                links = []
                if k:
                    links.append(f"[Previous page]({names[k - 1]})")
                links.append(f"Page {k + 1} of {len(parts)}")
                if k + 1 < len(parts):
                    links.append(f"[Next page]({names[k + 1]})")
                lines += ["", " · ".join(links)]
            docs.append(Document(f"{folder}/{names[k]}", "\n".join(lines).rstrip() + "\n", []))
        return docs

    def tag_documents(self, by_tag: dict) -> list[Document]:
        docs = []
        lines = ["# Tags", "", "Practice examples grouped by tag.", ""]
        for tag in sorted(by_tag, key=str.lower):
            examples = by_tag[tag]
            lines.append(f"- [{_escape_md(tag)}](tags/{_slug(tag)}.md) ({len(examples)})")
            docs += self.listing_documents("tags", _slug(tag), f"Tag: {tag}", "", examples)
        docs.append(Document("tags.md", "\n".join(lines).rstrip() + "\n", []))
        return docs

    def glossary_document(self) -> Document:
        lines = ["# Terms and abbreviations", ""]
        terms = list(GlossaryTerm.objects.order_by("term"))
        for t in terms:
            name = f"{t.term} ({t.abbreviation})" if t.abbreviation else t.term
            lines += [_escape_md(name), f":   {_escape_md(t.definition)}", ""]
        abbreviations = sorted((t for t in terms if t.abbreviation), key=lambda t: t.abbreviation)
        if abbreviations:
            lines += ["## Abbreviations", "", "| Abbreviation | Meaning |", "| --- | --- |"]
            lines += [
                f"| {_escape_md(t.abbreviation)} | {_escape_md(t.term)} |" for t in abbreviations
            ]
        return Document("glossary.md", "\n".join(lines).rstrip() + "\n", [])

    def links_document(self) -> Document:
        lines = ["# Useful websites", ""]
        for link in UsefulLink.objects.order_by("title", "url"):
            desc = f": {_escape_md(link.description)}" if link.description else ""
            lines.append(f"- [{_escape_md(link.title)}]({link.url}){desc}")
        return Document("links.md", "\n".join(lines).rstrip() + "\n", [])

    def index_document(self, chapters, themes, last_published) -> Document:
        title = self.guide.title if self.guide else "The guide"
        intro = self.guide.introduction if self.guide else ""
        lines = [
            f"# {_escape_md(title)}",
            "",
            _escape_md(intro),
            "",
            f"*Last published: {last_published}*",
            "",
        ]
        if chapters:
            lines += ["## Chapters", ""]
            lines += [
                f"- [{_escape_md(c.title)}](chapters/{c.slug}.md): {_escape_md(c.summary)}"
                for c in chapters
            ]
            lines.append("")
        if themes:
            lines += ["## Practice examples by theme", ""]
            lines += [f"- [{_escape_md(t.name)}](themes/{t.slug}.md) ({n})" for t, n in themes]
            lines.append("")
        lines += [
            "## More",
            "",
            "- [Terms and abbreviations](glossary.md)",
            "- [Useful websites](links.md)",
            # Raw HTML: these files are made after MkDocs runs, so it must not check them.
            '- <a href="print_page.html">Print the whole guide</a>',
            '- <a href="guide.pdf">The whole guide as a PDF</a>, or '
            '<a href="guide-large-print.pdf">in large print</a>',
        ]
        return Document(
            "index.md", "\n".join(lines).rstrip() + "\n", [self.guide] if self.guide else []
        )

    # --- the whole export ----------------------------------------------------------------

    def last_published(self) -> str:
        stamps = [c.last_published_at for c in self.chapters if c.last_published_at]
        if self.guide and self.guide.last_published_at:
            stamps.append(self.guide.last_published_at)
        latest_example = PracticeExample.objects.aggregate(m=Max("updated_at"))["m"]
        if latest_example:
            stamps.append(latest_example)
        return max(stamps).strftime("%-d %B %Y") if stamps else "not yet published"

    def run(self) -> ExportResult:
        docs: list[Document] = []
        nav_chapters = []
        kept_chapters = []
        for chapter in self.chapters:
            chapter_docs = self.chapter_document(chapter)
            if self.admit(chapter_docs[0]):
                docs.append(chapter_docs[0])
                kept_chapters.append(chapter)
                nav_chapters.append({chapter.title: chapter_docs[0].path})
                docs += [d for d in chapter_docs[1:] if self.admit(d)]
        examples = list(
            PracticeExample.objects.select_related("theme", "locality").order_by(
                "theme__position", "order", "key"
            )
        )
        by_theme: dict[int, list] = {}
        for ex in examples:
            doc = self.example_document(ex)
            if self.admit(doc):
                docs.append(doc)
                by_theme.setdefault(ex.theme_id, []).append(ex)
        themes = [(t, by_theme.get(t.pk, [])) for t in Theme.objects.order_by("position", "name")]
        themes = [(t, exs) for t, exs in themes if exs]
        nav_themes = []
        for theme, exs in themes:
            theme_docs = self.listing_documents(
                "themes", theme.slug, theme.name, theme.description, exs
            )
            docs += theme_docs
            nav_themes.append({theme.name: theme_docs[0].path})
        for doc in (self.glossary_document(), self.links_document()):
            if self.admit(doc):
                docs.append(doc)
        last = self.last_published()
        index = self.index_document(kept_chapters, [(t, len(e)) for t, e in themes], last)
        if self.admit(index):
            docs.append(index)
        by_tag: dict[str, list] = {}
        for _theme, exs in themes:
            for ex in exs:
                for tag in ex.tags:
                    by_tag.setdefault(tag, []).append(ex)
        docs += self.tag_documents(by_tag)
        if self.refusals:
            raise Refused(self.refusals)
        nav = [
            {"Home": "index.md"},
            {"About this guide": "about.md"},
            {"How to use this guide": "how-to-use.md"},
        ]
        if nav_chapters:
            nav.append({"Chapters": nav_chapters})
        if nav_themes:
            nav.append({"Practice examples": nav_themes})
        nav += [
            {"Terms and abbreviations": "glossary.md"},
            {"Useful websites": "links.md"},
            {"Tags": "tags.md"},
        ]
        print_order = ["index.md", *FRAMING]
        for chapter in kept_chapters:
            own = {f"chapters/{chapter.slug}.md", f"chapters/{chapter.slug}-easy-read.md"}
            print_order += [d.path for d in docs if d.path in own]
        for theme, exs in themes:
            print_order += [f"themes/{theme.slug}.md"] + [f"examples/{ex.key}.md" for ex in exs]
        print_order += ["glossary.md", "links.md"]
        return ExportResult(
            docs, nav, self.skipped, dict(sorted(self.images.items())), last, print_order
        )


def write_docs(result: ExportResult, docs_dir: Path) -> None:
    """Replace the generated part of docs_dir with the export; framing pages stay."""
    for name in GENERATED:
        target = docs_dir / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for doc in result.documents:
        path = docs_dir / doc.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc.text, encoding="utf-8")
    for name, source in result.images.items():
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)


def export(docs_dir: Path, *, skip_refused: bool = False) -> ExportResult:
    result = Exporter(skip_refused=skip_refused).run()
    write_docs(result, docs_dir)
    return result
