"""What the importer checks beyond the format: every value is text where text is kept and
fits where it is kept, a theme's name gives it a web address of its own, and nothing in a list
file is listed twice (a second definition would silently replace the first)."""

from __future__ import annotations

from django.utils.text import slugify

from guide.models import PracticeCollection, PracticeExample, Theme
from guide.models.examples import GlossaryTerm, UsefulLink

# Each list file's fields that are kept in a column with a limit, and the key that makes an
# item the same item on the next import.
LIST_FIELDS = {
    "glossary.yml": (GlossaryTerm, "term", ("term", "abbreviation")),
    "links.yml": (UsefulLink, "url", ("title", "url", "description")),
}


def most(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def over(value: str, model, name: str) -> str:
    """Why ``value`` does not fit ``model.name``, or ""."""
    limit = most(model, name)
    if len(value) <= limit:
        return ""
    return f"“{value[:40]}…” is {len(value):,} characters long; {name} has {limit} at the most"


def collection_problems(title: str, themes: list[str], existing: dict[str, str]) -> list[tuple]:
    """(text to find the line by, message) for the collection's title and its themes.
    ``existing``: the guide's themes already on the platform, by web address."""
    found = []
    if title and (why := over(title, PracticeCollection, "title")):
        found.append((title, f"the title {why}"))
    seen: dict[str, str] = {}
    for name in themes:
        if why := over(name, Theme, "name"):
            found.append((name, f"the theme {why}"))
            continue
        slug = slugify(name)
        if not slug:
            found.append(
                (name, f"the theme “{name}” needs letters or digits (they make its web address)")
            )
        elif slug in seen:
            said = (
                f"the theme “{name}” is listed twice"
                if seen[slug] == name
                else f"the themes “{seen[slug]}” and “{name}” would have the same web address "
                f"(“{slug}”): make their names differ by more than capitals or punctuation"
            )
            found.append((name, said))
        elif existing.get(slug, name) != name:
            found.append(
                (
                    name,
                    f"the theme “{name}” would have the same web address as the guide's theme "
                    f"“{existing[slug]}”: use that name exactly, or another",
                )
            )
        seen.setdefault(slug, name)
    return found


def example_problems(meta: dict) -> list[tuple[str, str]]:
    """(field, message) for an example's front matter: text where text is kept, and short
    enough to keep."""
    found = []
    for key in ("title", "theme", "locality"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            found.append((key, f"“{key}” must be text, not a list or a mapping"))
    title = meta.get("title")
    if isinstance(title, str) and (why := over(title.strip(), PracticeExample, "title")):
        found.append(("title", f"the title {why}"))
    for key in ("organisations", "tags"):
        values = meta.get(key)
        values = [values] if isinstance(values, str) else values
        if isinstance(values, list) and not all(isinstance(v, (str, int)) for v in values):
            found.append((key, f"each of “{key}” must be a name, not a list or a mapping"))
    return found


def list_problems(name: str, items: list[dict]) -> list[tuple[int, str]]:
    """(item number, message) for a list file's items that will not fit or come twice."""
    if name not in LIST_FIELDS:
        return []
    model, key, limited = LIST_FIELDS[name]
    found, first = [], {}
    for number, item in enumerate(items, start=1):
        for field in limited:
            if why := over(item.get(field, ""), model, field):
                found.append((number, f"item {number}: the {field} {why}"))
        same = item.get(key, "").lower()
        if same in first:
            found.append(
                (
                    number,
                    f"item {number}: the {key} “{item[key]}” is already item {first[same]}; "
                    "keep one of them",
                )
            )
        else:
            first[same] = number
    return found
