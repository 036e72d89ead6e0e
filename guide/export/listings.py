"""Practice examples, theme and tag listings, the glossary, useful websites and the home
page of the guide as Markdown."""

from __future__ import annotations

from django.db.models import Max

from guide import gate
from guide.export.documents import LISTING_SIZE, Document, escape_md, front_matter, slug_of
from guide.markdown import markdown_link, neutralise_html
from guide.models import GlossaryTerm, PracticeExample, UsefulLink


class ListingMarkdown:
    """The listing half of the Exporter (it expects the Exporter's state on ``self``)."""

    def example_document(self, ex: PracticeExample) -> Document:
        fm = {"title": ex.title}
        if ex.tags:
            fm["tags"] = sorted(ex.tags)
        lines = [front_matter(fm) + f"# {escape_md(ex.title)}", ""]
        lines += [
            f"**Organisations:** {escape_md(', '.join(ex.organisations))}  ",
            f"**Theme:** [{escape_md(ex.theme.name)}](../themes/{ex.theme.slug}.md)",
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
                + [f"- {markdown_link(link['title'], link['url'], escape_md)}" for link in ex.links]
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
                lines.append("- " + ", ".join(escape_md(p) for p in parts if p))
            lines.append("")
        if ex.locality_id:
            lines += [f"*From the work of {escape_md(ex.locality.title)}.*", ""]
        if ex.tags:
            tag_links = ", ".join(
                f"[{escape_md(t)}](../tags/{slug_of(t)}.md)" for t in sorted(ex.tags)
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
                f"# {escape_md(title)}" + (f" (page {k + 1} of {len(parts)})" if k else ""),
                "",
            ]
            if intro and not k:
                lines += [escape_md(intro), ""]
            count = len(examples)
            lines += [f"{count} practice example{'s' if count != 1 else ''}.", ""]
            for ex in part:
                lines.append(
                    f"- [{escape_md(ex.title)}](../examples/{ex.key}.md) — "
                    f"{escape_md(', '.join(ex.organisations))}"
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
            lines.append(f"- [{escape_md(tag)}](tags/{slug_of(tag)}.md) ({len(examples)})")
            docs += self.listing_documents("tags", slug_of(tag), f"Tag: {tag}", "", examples)
        docs.append(Document("tags.md", "\n".join(lines).rstrip() + "\n", []))
        return docs

    def glossary_document(self) -> Document:
        lines = ["# Terms and abbreviations", ""]
        terms = list(GlossaryTerm.objects.filter(guide=self.guide).order_by("term"))
        for t in terms:
            name = f"{t.term} ({t.abbreviation})" if t.abbreviation else t.term
            lines += [escape_md(name), f":   {escape_md(t.definition)}", ""]
        abbreviations = sorted((t for t in terms if t.abbreviation), key=lambda t: t.abbreviation)
        if abbreviations:
            lines += ["## Abbreviations", "", "| Abbreviation | Meaning |", "| --- | --- |"]
            lines += [
                f"| {escape_md(t.abbreviation)} | {escape_md(t.term)} |" for t in abbreviations
            ]
        return Document("glossary.md", "\n".join(lines).rstrip() + "\n", [])

    def links_document(self) -> Document:
        lines = ["# Useful websites", ""]
        for link in UsefulLink.objects.filter(guide=self.guide).order_by("title", "url"):
            desc = f": {escape_md(link.description)}" if link.description else ""
            lines.append(f"- {markdown_link(link.title, link.url, escape_md)}{desc}")
        return Document("links.md", "\n".join(lines).rstrip() + "\n", [])

    def index_document(self, chapters, themes, last_published) -> Document:
        title = self.guide.title if self.guide else "The guide"
        intro = self.guide.introduction if self.guide else ""
        lines = [f"# {escape_md(title)}", "", neutralise_html(intro.strip()), ""]
        edition = []
        if self.guide and self.guide.editors:
            edition.append(f"Edited by {escape_md(self.guide.editors)}.")
        if self.guide and self.guide.publication_date:
            edition.append(f"Edition of {escape_md(self.guide.edition_said)}.")
        edition.append(f"Last published: {last_published}.")
        lines += [f"*{' '.join(edition)}*", ""]
        if chapters:
            lines += ["## Chapters", ""]
            lines += [
                f"- [{escape_md(c.title)}](chapters/{c.slug}.md): {escape_md(c.summary)}"
                for c in chapters
            ]
            lines.append("")
        if themes:
            lines += ["## Practice examples by theme", ""]
            lines += [f"- [{escape_md(t.name)}](themes/{t.slug}.md) ({n})" for t, n in themes]
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

    def framing_documents(self) -> list[Document]:
        """About this guide, How to use this guide: the guide's own editable words."""
        docs = []
        for path, heading, text in (
            ("about.md", "About this guide", self.guide.about if self.guide else ""),
            ("how-to-use.md", "How to use this guide", self.guide.how_to_use if self.guide else ""),
        ):
            body = neutralise_html((text or "").strip())
            docs.append(Document(path, f"# {heading}\n\n{body}\n", []))
        return docs

    def last_published(self) -> str:
        stamps = [c.last_published_at for c in self.chapters if c.last_published_at]
        if self.guide and self.guide.last_published_at:
            stamps.append(self.guide.last_published_at)
        latest_example = PracticeExample.objects.filter(guide=self.guide).aggregate(
            m=Max("updated_at")
        )["m"]
        if latest_example:
            stamps.append(latest_example)
        return max(stamps).strftime("%-d %B %Y") if stamps else "not yet published"
