"""Read a folder of practice examples and check every part of it, naming file and line."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from guide.importer.limits import collection_problems, example_problems, list_problems
from guide.markdown import neutralise_html
from guide.models import PracticeCollection
from guide.models.examples import contact_problems

SECTIONS = {
    "Our approach": "approach",
    "Outcomes": "outcomes",
    "Further information": "further_information",
}


REQUIRED_SECTIONS = ["Our approach", "Outcomes"]


EXAMPLE_FIELDS = {
    "title",
    "theme",
    "organisations",
    "order",
    "tags",
    "locality",
    "links",
    "contacts",
    "publish_contacts",
}


@dataclass
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self):
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


@dataclass
class Plan:
    collection: dict = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)
    glossary: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported.")


_url = URLValidator(schemes=["http", "https"])


def _line_of(text: str, needle: str, start: int = 1) -> int | None:
    for n, line in enumerate(text.splitlines(), start=1):
        if n >= start and needle in line:
            return n
    return None


MAX_ORDER = 99_999  # a position within a theme; the database holds no more than 2,147,483,647


class Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.taken: dict[str, str] = {}
        self.keys: dict[str, str] = {}  # example key: the file it came from
        self.places = "on the platform"  # where its localities may be
        self.collection_text = ""

    def problem(self, path, line, message):
        self.problems.append(Problem(str(Path(path).relative_to(self.root.parent)), line, message))

    def read_text(self, path: Path) -> str | None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(path, None, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            return raw.decode("utf-8-sig")  # a byte order mark at the start is not text
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problem(path, line, "is not UTF-8 text; save it as UTF-8")
            return None

    def load_yaml(self, path: Path, text: str, line_offset: int = 0):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark else None
            reason = getattr(exc, "problem", None) or "is not valid YAML"
            self.problem(path, line, f"bad YAML: {reason}")
            return None

    def check_url(self, path, text, url, context):
        try:
            _url(str(url))
        except ValidationError:
            self.problem(path, _line_of(text, str(url)), f"bad URL in {context}: “{url}”")

    # --- files -----------------------------------------------------------------------------

    def collection(self, plan: Plan):
        path = self.root / "collection.yml"
        if not path.exists():
            self.problem(path, None, "is missing (every collection needs collection.yml)")
            return
        text = self.read_text(path)
        self.collection_text = text or ""
        data = self.load_yaml(path, text) if text is not None else None
        if text is None or data is None and text.strip():
            return
        if not isinstance(data, dict):
            self.problem(path, 1, "must be a mapping with title and themes")
            return
        if not str(data.get("title") or "").strip():
            self.problem(path, _line_of(text, "title") or 1, "missing required field “title”")
        published = data.get("published")
        if published is not None:
            value = (
                published.isoformat() if isinstance(published, datetime.date) else str(published)
            )
            if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) or not _valid_date(value):
                self.problem(
                    path,
                    _line_of(text, "published"),
                    f"bad date “{value}”: use YYYY-MM or YYYY-MM-DD",
                )
            published = value
        themes = data.get("themes")
        if (
            not isinstance(themes, list)
            or not themes
            or not all(isinstance(t, str) and t.strip() for t in themes)
        ):
            self.problem(
                path,
                _line_of(text, "themes") or 1,
                "missing required field “themes” (a list of theme names)",
            )
            themes = []
        editors = data.get("editors") or []
        if not isinstance(editors, list):
            self.problem(path, _line_of(text, "editors"), "“editors” must be a list")
            editors = []
        plan.collection = {
            "title": str(data.get("title") or "").strip(),
            "published": published or "",
            "editors": [str(e) for e in editors],
            "introduction": neutralise_html(str(data.get("introduction") or "")),
        }
        plan.themes = [t.strip() for t in themes]

    def example(self, path: Path, plan: Plan, localities: set[str], titles: dict):
        text = self.read_text(path)
        if text is None:
            return
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            self.problem(path, 1, "must start with YAML front matter between “---” lines")
            return
        try:
            end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
        except StopIteration:
            self.problem(path, 1, "the front matter is not closed with “---”")
            return
        meta = self.load_yaml(path, "\n".join(lines[1:end]), line_offset=1)
        if meta is None:
            if "\n".join(lines[1:end]).strip():
                return
            meta = {}
        if not isinstance(meta, dict):
            self.problem(path, 2, "the front matter must be a mapping of fields")
            return
        before = len(self.problems)
        fm_line = lambda key: _line_of("\n".join(lines[: end + 1]), f"{key}:") or 1  # noqa: E731
        for key in sorted(set(meta) - EXAMPLE_FIELDS):
            self.problem(path, fm_line(key), f"unknown field “{key}”")
        for key, message in example_problems(meta):
            self.problem(path, fm_line(key), message)
        if len(self.problems) > before:
            return
        title = str(meta.get("title") or "").strip()
        if not title:
            self.problem(path, 1, "missing required field “title”")
        elif title.lower() in titles:
            self.problem(
                path,
                fm_line("title"),
                f"duplicate title “{title}” (also in {titles[title.lower()]})",
            )
        elif self.taken.get(title.lower(), slugify(path.stem)[:120]) != slugify(path.stem)[:120]:
            self.problem(
                path,
                fm_line("title"),
                f"duplicate title “{title}”: the platform already has it as example "
                f"“{self.taken[title.lower()]}”",
            )
        else:
            titles[title.lower()] = path.name
        theme = meta.get("theme")
        if not theme:
            self.problem(path, 1, "missing required field “theme”")
        elif theme not in plan.themes:
            self.problem(
                path,
                fm_line("theme"),
                f"unknown theme “{theme}”: it must be one of the themes in collection.yml",
            )
        organisations = meta.get("organisations")
        if isinstance(organisations, str):
            organisations = [organisations]
        if not organisations or not isinstance(organisations, list):
            self.problem(
                path,
                fm_line("organisations") if "organisations" in meta else 1,
                "missing required field “organisations” (at least one)",
            )
            organisations = []
        order = meta.get("order")
        if order is not None and (
            isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= MAX_ORDER
        ):
            self.problem(
                path, fm_line("order"), f"“order” must be a whole number from 0 to {MAX_ORDER:,}"
            )
        tags = meta.get("tags") or []
        if not isinstance(tags, list):
            self.problem(path, fm_line("tags"), "“tags” must be a list")
            tags = []
        locality = meta.get("locality")
        if locality and locality not in localities:
            self.problem(
                path,
                fm_line("locality"),
                f"unknown locality “{locality}”: no locality {self.places} has this slug",
            )
        links = meta.get("links") or []
        if not isinstance(links, list):
            self.problem(path, fm_line("links"), "“links” must be a list of title and url")
            links = []
        for link in links:
            if not isinstance(link, dict) or not link.get("title") or not link.get("url"):
                self.problem(path, fm_line("links"), "each link needs a title and a url")
            else:
                self.check_url(path, text, link["url"], "links")
        contacts = meta.get("contacts") or []
        if not isinstance(contacts, list) or not all(isinstance(c, dict) for c in contacts):
            self.problem(
                path,
                fm_line("contacts"),
                "“contacts” must be a list of role, name, email and phone",
            )
            contacts = []
        publish_contacts = meta.get("publish_contacts", False)
        if not isinstance(publish_contacts, bool):
            self.problem(
                path, fm_line("publish_contacts"), "“publish_contacts” must be true or false"
            )
        elif contacts:
            for message in contact_problems(contacts, publish_contacts):
                self.problem(path, fm_line("contacts"), message)
        sections = self.sections(path, lines, end)
        for required in REQUIRED_SECTIONS:
            if not sections.get(SECTIONS[required], "").strip():
                self.problem(path, None, f"missing required section “## {required}”")
        key = slugify(path.stem)[:120]
        if not key:
            # The key names the example's page: it needs letters or digits it can use.
            self.problem(
                path,
                None,
                "the file name needs letters or digits from A to Z or 0 to 9 (the "
                "name becomes the example's address), for example “village-agents.md”",
            )
        elif key in self.keys:
            # The key is made from the file name: "One A.md" and "one-a.md" are one example.
            self.problem(
                path,
                None,
                f"has the same key “{key}” as {self.keys[key]}: rename one of the two files",
            )
        if len(self.problems) > before:
            return
        self.keys[key] = f"examples/{path.name}"
        plan.examples.append(
            {
                "key": key,
                "title": title,
                "theme": theme,
                "organisations": [str(o) for o in organisations],
                "order": order,
                "tags": sorted(str(t) for t in tags),
                "locality": locality or None,
                "links": [{"title": str(li["title"]), "url": str(li["url"])} for li in links],
                "contacts": [{k: str(v) for k, v in c.items()} for c in contacts],
                "publish_contacts": bool(publish_contacts),
                "approach": neutralise_html(sections.get("approach", "").strip()),
                "outcomes": neutralise_html(sections.get("outcomes", "").strip()),
                "further_information": neutralise_html(
                    sections.get("further_information", "").strip()
                ),
            }
        )

    def sections(self, path, lines, end) -> dict:
        found: dict[str, list[str]] = {}
        current = None
        for n, line in enumerate(lines[end + 1 :], start=end + 2):
            match = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
            if match and not line.startswith("###"):
                heading = match.group(1).strip()
                if heading not in SECTIONS:
                    self.problem(
                        path,
                        n,
                        f"unknown section “## {heading}”: "
                        "use Our approach, Outcomes or Further information",
                    )
                    current = None
                    continue
                current = SECTIONS[heading]
                if current in found:
                    self.problem(path, n, f"the section “## {heading}” appears twice")
                found[current] = []
            elif current:
                found[current].append(line)
        return {k: "\n".join(v) for k, v in found.items()}

    def list_file(self, name, required_keys, optional_keys):
        path = self.root / name
        if not path.exists():
            return []
        text = self.read_text(path)
        if text is None:
            return []
        data = self.load_yaml(path, text)
        if data is None:
            return []
        if not isinstance(data, list):
            self.problem(path, 1, "must be a list")
            return []
        items = []
        for i, item in enumerate(data, start=1):
            line = _line_of(text, f"{required_keys[0]}:", start=1)
            if isinstance(item, dict) and item.get(required_keys[0]):
                line = _line_of(text, str(item[required_keys[0]])) or line
            if not isinstance(item, dict):
                self.problem(path, line, f"item {i} must be a mapping")
                continue
            missing = [k for k in required_keys if not str(item.get(k) or "").strip()]
            for k in missing:
                self.problem(path, line, f"item {i}: missing required field “{k}”")
            unknown = sorted(set(item) - set(required_keys) - set(optional_keys))
            for k in unknown:
                self.problem(path, line, f"item {i}: unknown field “{k}”")
            if "url" in item and item.get("url"):
                self.check_url(path, text, item["url"], name)
            if not missing:
                items.append(
                    {k: str(item.get(k) or "").strip() for k in (*required_keys, *optional_keys)}
                )
        for number, message in list_problems(name, items):
            self.problem(path, _line_of(text, items[number - 1][required_keys[0]]), message)
        return items


def _valid_date(value: str) -> bool:
    try:
        if len(value) == 7:
            datetime.date.fromisoformat(value + "-01")
        else:
            datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_folder(root: Path, guide=None, programme=None) -> Plan:
    """Validate the whole folder; raise ImportFailed listing every problem. A guide of a
    programme (``guide``'s, or ``programme`` for a guide this import makes) takes examples
    of that programme's localities only: another programme's work is not its to publish."""
    from engagement.models import LocalityPage

    root = Path(root)
    if not root.is_dir():
        raise ImportFailed([Problem(str(root), None, "is not a folder")])
    reader = Reader(root)
    plan = Plan()
    reader.collection(plan)
    # Titles are unique within a guide: the one this collection goes into (an earlier import
    # of the same collection, or the guide named on the command line).
    if guide is None and plan.collection.get("title"):
        earlier = PracticeCollection.objects.filter(title=plan.collection["title"]).first()
        guide = earlier.guide if earlier else None
    reader.taken = (
        {t.lower(): k for t, k in guide.examples.values_list("title", "key")} if guide else {}
    )
    existing = dict(guide.themes.values_list("slug", "name")) if guide is not None else {}
    path = root / "collection.yml"
    title = plan.collection.get("title", "")
    for needle, message in collection_problems(title, plan.themes, existing):
        reader.problem(path, _line_of(reader.collection_text, needle), message)
    owner_id = guide.programme_id if guide is not None else getattr(programme, "pk", None)
    places = LocalityPage.objects.all()
    if owner_id is not None:
        places = places.filter(programme_id=owner_id)
        reader.places = "of the guide's programme"
    localities = set(places.values_list("slug", flat=True))
    titles: dict[str, str] = {}
    example_dir = root / "examples"
    if not example_dir.is_dir():
        reader.problem(example_dir, None, "is missing (put one .md file per example in examples/)")
    else:
        for path in sorted(example_dir.glob("*.md")):
            reader.example(path, plan, localities, titles)
    plan.glossary = reader.list_file("glossary.yml", ["term", "definition"], ["abbreviation"])
    plan.links = reader.list_file("links.yml", ["title", "url"], ["description"])
    if reader.problems:
        raise ImportFailed(reader.problems)
    return plan
