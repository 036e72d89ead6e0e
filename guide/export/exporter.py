"""The export run: every document through the publication gate, then written to docs/."""

from __future__ import annotations

import shutil
from pathlib import Path

from guide import gate
from guide.export.chapters import ChapterMarkdown
from guide.export.documents import (
    FRAMING,
    GENERATED,
    Document,
    ExportResult,
    Refused,
    plain_label,
)
from guide.export.listings import ListingMarkdown
from guide.markdown import defuse_links
from guide.models import GuideChapterPage, GuidePage, PracticeExample, Theme
from site_content.pictures import write_without_metadata


class Exporter(ChapterMarkdown, ListingMarkdown):
    """Walks the published guide, asks the gate about every item, and returns the documents."""

    def __init__(self, guide: GuidePage | None = None, *, skip_refused: bool = False):
        self.skip_refused = skip_refused
        self.refusals: list = []
        self.skipped: list = []
        self.refused_items: list = []  # (item, Refusal): what the publish check lists
        self.images: dict = {}  # name in the guide -> the image's stored file
        self.guide = guide or GuidePage.objects.live().order_by("path").first()
        self.chapters = (
            list(GuideChapterPage.objects.child_of(self.guide).live().order_by("path"))
            if self.guide
            else []
        )
        self.chapter_paths = {c.pk: f"chapters/{c.slug}.md" for c in self.chapters}

    def admit(self, doc: Document) -> bool:
        found = []
        for n, item in enumerate(doc.items):
            refused = gate.refusals(item, doc.text_of(item, first=n == 0), guide=self.guide)
            self.refused_items += [(item, r) for r in refused]
            found += refused
        if not doc.items:
            found += gate.refusals(doc.path, doc.text, guide=self.guide)
        found = list(dict.fromkeys(found))
        if not found:
            return True
        if self.skip_refused:
            self.skipped += [f"{doc.path}, because {refusal}" for refusal in found]
        else:
            self.refusals += found
        return False

    def run(self) -> ExportResult:
        docs: list[Document] = []
        nav_chapters = []
        kept_chapters = []
        for chapter in self.chapters:
            chapter_docs = self.chapter_document(chapter)
            if self.admit(chapter_docs[0]):
                docs.append(chapter_docs[0])
                kept_chapters.append(chapter)
                nav_chapters.append({plain_label(chapter.title): chapter_docs[0].path})
                docs += [d for d in chapter_docs[1:] if self.admit(d)]
        examples = list(
            PracticeExample.objects.filter(guide=self.guide)
            .select_related("theme", "locality")
            .order_by("theme__position", "order", "key")
        )
        by_theme: dict[int, list] = {}
        for ex in examples:
            doc = self.example_document(ex)
            if self.admit(doc):
                docs.append(doc)
                by_theme.setdefault(ex.theme_id, []).append(ex)
        themes = [
            (t, by_theme.get(t.pk, []))
            for t in Theme.objects.filter(guide=self.guide).order_by("position", "name")
        ]
        themes = [(t, exs) for t, exs in themes if exs]
        nav_themes = []
        for theme, exs in themes:
            theme_docs = self.listing_documents(
                "themes", theme.slug, theme.name, theme.description, exs
            )
            docs += theme_docs
            nav_themes.append({plain_label(theme.name): theme_docs[0].path})
        for doc in (
            self.glossary_document(),
            self.links_document(),
            *self.framing_documents(),
        ):
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
        written = {d.path for d in docs}
        nav = [{"Home": "index.md"}] + [
            {label: path}
            for label, path in (
                ("About this guide", "about.md"),
                ("How to use this guide", "how-to-use.md"),
            )
            if path in written
        ]
        if nav_chapters:
            nav.append({"Chapters": nav_chapters})
        if nav_themes:
            nav.append({"Practice examples": nav_themes})
        nav += [
            {label: path}
            for label, path in (
                ("Terms and abbreviations", "glossary.md"),
                ("Useful websites", "links.md"),
                ("Tags", "tags.md"),
            )
            if path in written
        ]
        print_order = ["index.md", *(p for p in FRAMING if p in written)]
        for chapter in kept_chapters:
            own = {f"chapters/{chapter.slug}.md", f"chapters/{chapter.slug}-easy-read.md"}
            print_order += [d.path for d in docs if d.path in own]
        for theme, exs in themes:
            print_order += [f"themes/{theme.slug}.md"] + [f"examples/{ex.key}.md" for ex in exs]
        print_order += [p for p in ("glossary.md", "links.md") if p in written]
        for doc in docs:  # the last word on addresses, whatever wrote the page
            doc.text = defuse_links(doc.text)
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
        with source.storage.open(source.name, "rb") as stream:
            write_without_metadata(stream, path)


def export(docs_dir: Path, *, guide=None, skip_refused: bool = False) -> ExportResult:
    result = Exporter(guide, skip_refused=skip_refused).run()
    write_docs(result, docs_dir)
    return result
