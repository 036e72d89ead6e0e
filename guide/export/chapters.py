"""Guide chapters and their Easy Read pages as Markdown: rich text, blocks, quoted stories,
figures and the trail back to where the learning came from."""

from __future__ import annotations

import re
from pathlib import Path

from markdownify import markdownify
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from guide import gate
from guide.export.documents import Document, ExportError, admonition_title, escape_md
from guide.markdown import clean_rich_text, neutralise_html
from guide.models import GuideChapterPage, GuideEasyReadPage, PracticeExample
from site_content.links import absolute_url


class ChapterMarkdown:
    """The chapter half of the Exporter (it expects the Exporter's state on ``self``)."""

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
        html = clean_rich_text(expand_db_html(html))
        text = markdownify(html, heading_style="ATX", bullets="-", autolinks=False).strip()
        # markdownify turns escaped text (&lt;img ...&gt;) back into raw "<": show it as text.
        return neutralise_html(text)

    def chapter_document(self, chapter: GuideChapterPage) -> list[Document]:
        where = f"chapter “{chapter.title}” (page {chapter.pk})"
        lines = [f"# {escape_md(chapter.title)}", "", escape_md(chapter.summary), ""]
        doc = Document(self.chapter_paths[chapter.pk], "", [chapter])
        easy = chapter.easy_read()
        if easy:
            lines += [f"[Read this chapter in Easy Read]({chapter.slug}-easy-read.md)", ""]
        for block in chapter.body:
            lines += self.block_markdown(block, where, doc) + [""]
        sources = self.chapter_sources(chapter, doc)
        if sources:
            lines += ["## Where this came from", ""] + sources + [""]
        doc.text = "\n".join(lines).rstrip() + "\n"
        docs = [doc]
        if easy:
            docs.append(self.easy_read_document(chapter, easy))
        return docs

    def block_markdown(self, block, where: str, doc: Document) -> list[str]:
        """A block's Markdown; the words a quoted item wrote are recorded on ``doc`` as that
        item's, so the gate blames the right item for them."""
        kind, value = block.block_type, block.value
        if kind == "text":
            return [self.rich_text_to_markdown(value.source, where)]
        if kind == "callout":
            body = self.rich_text_to_markdown(value["text"].source, where)
            title = f' "{admonition_title(value["heading"])}"' if value["heading"] else ""
            return [f"!!! {value['kind']}{title}", ""] + [
                f"    {line}" if line else "" for line in body.splitlines()
            ]
        if kind == "practice_example":
            example = value["example"]
            title = doc.quote(
                example, [f'!!! example "Practice example: {admonition_title(example.title)}"']
            )
            note = [f"    {escape_md(value['note'])}", ""] if value["note"] else []
            link = doc.quote(
                example,
                [
                    f"    [Read how {escape_md(', '.join(example.organisations))} did it]"
                    f"(../examples/{example.key}.md)"
                ],
            )
            return title + [""] + note + link
        if kind == "learning":
            entry = value["entry"]
            if entry is None:
                self.skipped.append(
                    f"{where}: a learning entry no longer exists, so it is left out"
                )
                return []
            heading = value["heading"] or f"What {entry.locality.title} learned"
            quote = "\n".join(
                f"> {line}" if line else ">"
                for line in escape_md(entry.what_we_learned).splitlines()
            )
            return [f"## {escape_md(heading)}", ""] + doc.quote(
                entry,
                [quote, ">", f"> — {escape_md(entry.locality.title)}, {entry.entry_date:%B %Y}"],
            )
        if kind == "story_quote":
            return self.story_quote_markdown(value, where, doc)
        if kind == "group_report":
            group = value["group"]
            if group is None:
                self.skipped.append(
                    f"{where}: a group's report no longer exists, so it is left out"
                )
                return []
            heading = value["heading"] or f"What the {group.name} group found"
            quote = "\n".join(
                f"> {line}" if line else ">"
                for line in escape_md(group.closing_report).splitlines()
            )
            return [f"## {escape_md(heading)}", ""] + doc.quote(
                group,
                [
                    quote,
                    ">",
                    f"> — {escape_md(group.name)} ({escape_md(group.get_kind_display().lower())})"
                    + (f", {group.closed_on:%B %Y}" if group.closed_on else ""),
                ],
            )
        if kind == "checklist":
            out = [f"## {escape_md(value['title'])}", ""]
            if value["introduction"]:
                out += [escape_md(value["introduction"]), ""]
            return out + [f"1. {escape_md(item)}" for item in value["items"]]
        if kind == "figure":
            return [
                self.figure_markdown(value["image"], value["alt_text"], value["caption"], where)
            ]
        raise ExportError(f"{where}: the block type “{kind}” cannot be exported.")

    def story_quote_markdown(self, value, where: str, doc: Document) -> list[str]:
        """A story's public version, or nothing if the gate refuses it now (withdrawn, consent
        changed, held for safeguarding): the chapter is published without the quote."""
        from engagement.models import Story

        chosen = value["story"]
        story = (
            Story.objects.select_related("inquiry").filter(pk=chosen.pk).first() if chosen else None
        )
        if story is None:
            self.skipped.append(f"{where}: a quoted story no longer exists, so it is left out")
            return []
        found = gate.refusals(story, story.redacted_text)
        if found:
            self.skipped += [f"{where}: left out {refusal}" for refusal in found]
            self.refused_items += [(story, refusal) for refusal in found]  # the publish check
            return []
        quote = "\n".join(
            f"> {line}" if line else ">" for line in escape_md(story.redacted_text).splitlines()
        )
        heading = [f"## {escape_md(value['heading'])}", ""] if value["heading"] else []
        return heading + doc.quote(
            story, [quote, ">", f"> — {escape_md(story.public_attribution)}"]
        )

    def figure_markdown(self, image, alt, caption, where, depth=1) -> str:
        if image is None:
            raise ExportError(f"{where}: a figure's image has been deleted.")
        # Read through the image's storage: local disk or object storage alike.
        try:
            found = bool(image.file.name) and image.file.storage.exists(image.file.name)
        except (OSError, ValueError) as exc:
            raise ExportError(f"{where}: the image “{image.title}” cannot be read now.") from exc
        if not found:
            raise ExportError(f"{where}: the image “{image.title}” is missing its file.")
        name = f"images/{image.pk}-{Path(image.file.name).name}"
        self.images[name] = image.file
        text = f"![{escape_md(alt)}]({'../' * depth}{name})"
        return (
            f"<figure markdown>\n{text}\n<figcaption>{escape_md(caption)}</figcaption>\n</figure>"
            if caption
            else text
        )

    def chapter_sources(self, chapter, doc: Document) -> list[str]:
        """The chapter's "Where this came from" list. Each locality, event, review round and
        inquiry named is an item of the chapter's document: one the gate refuses (not public,
        another programme's, or personal details in what is said of it) is left out of the
        list, and the publish check names it, not the chapter."""
        where = f"chapter “{chapter.title}” (page {chapter.pk})"
        items, lines = doc.items, []
        named = [
            escape_md(loc.title)
            for loc in sorted(chapter.source_localities.all(), key=lambda loc: loc.title)
            if self.source_line(doc, loc, [escape_md(loc.title)], where)
        ]
        if named:
            lines.append(f"- Localities: {', '.join(named)}")
        from engagement.models import ProgressEntry

        entries = sorted((i for i in items if isinstance(i, ProgressEntry)), key=lambda e: e.pk)
        for e in entries:
            lines.append(
                f"- Progress entry from {escape_md(e.locality.title)}, {e.entry_date:%-d %B %Y}"
            )
        from engagement.models import Action, ReviewRound

        for event in chapter.source_events.order_by("starts_at", "pk"):
            agreed = Action.objects.filter(
                source_type__model="eventpage", source_id=event.pk
            ).count()
            lines += self.source_line(
                doc,
                event,
                [
                    f"- Event: {escape_md(event.title)}, {event.local_start:%-d %B %Y}"
                    + (f" ({agreed} action{'s' if agreed != 1 else ''} agreed)" if agreed else "")
                ],
                where,
            )

        for review in (
            ReviewRound.objects.filter(page_id=chapter.pk).select_related("panel").order_by("pk")
        ):
            lines += self.source_line(
                doc,
                review,
                [f"- Reviewed by the {escape_md(review.panel.name)}: {escape_md(review.title)}"],
                where,
            )
        from engagement.models import Story

        quoted = [i for i in items if isinstance(i, Story)]
        inquiries = {s.inquiry_id: s.inquiry for s in quoted}
        for inquiry in sorted(inquiries.values(), key=lambda page: (page.title, page.pk)):
            n = sum(1 for s in quoted if s.inquiry_id == inquiry.pk)
            stories = "story" if n == 1 else "stories"
            lines += self.source_line(
                doc,
                inquiry,
                [f"- Appreciative inquiry: {escape_md(inquiry.title)} ({n} quoted {stories})"],
                where,
            )
        examples = sorted((i for i in items if isinstance(i, PracticeExample)), key=lambda e: e.key)
        for ex in examples:
            lines.append(f"- Practice example: [{escape_md(ex.title)}](../examples/{ex.key}.md)")
        return lines

    def source_line(self, doc: Document, item, lines: list[str], where: str) -> list[str]:
        """``lines`` naming ``item`` in a chapter's sources, or nothing if the gate refuses
        the item (as a story quote is left out)."""
        found = gate.refusals(item, "\n".join(lines), guide=self.guide)
        if found:
            self.skipped += [f"{where}: left out of its sources {refusal}" for refusal in found]
            self.refused_items += [(item, refusal) for refusal in found]  # the publish check
            return []
        return doc.quote(item, lines)

    def easy_read_document(self, chapter, easy: GuideEasyReadPage) -> Document:
        where = f"Easy Read page “{easy.title}” (page {easy.pk})"
        lines = [
            f"# {escape_md(easy.title)}",
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
                escape_md(point["text"]),
                "</div>",
                "",
            ]
        return Document(
            f"chapters/{chapter.slug}-easy-read.md",
            "\n".join(lines).rstrip() + "\n",
            [easy, chapter],  # the words are the Easy Read page's own
        )
