"""Learning from stories: coding themes, analysis counts, propositions that become actions,
and closing the loop with the storytellers when those actions are done."""

from __future__ import annotations

import re
import unicodedata

from django.db import transaction
from django.utils import timezone

from engagement.models import Action, InquiryTheme, Proposition, Story
from engagement.stories import figures
from engagement.stories.services import _log
from engagement.workspace.hub import action_from
from engagement.workspace.services import when_action_done
from site_content import personal_details
from site_content.mail import queue_email

# --- Analysis ----------------------------------------------------------------------------


def analysis(inquiry, *, locality_id=None, teller="", direct=False):
    """Theme counts (the team's coding) beside the storytellers' own ticks, over approved
    stories, optionally for one locality or kind of storyteller. The counts come from
    ``figures`` (counted once per change of the stories); ``direct`` counts them now."""
    count = figures.direct_counts if direct else figures.counts
    found = count(inquiry, locality_id=locality_id, teller=teller)
    themes = list(InquiryTheme.objects.filter(inquiry=inquiry))
    for theme in themes:
        theme.n = found["themes"].get(theme.pk, 0)
    ticks = list(inquiry.strengths.order_by("sort_order"))
    for strength in ticks:
        strength.n = found["ticks"].get(strength.pk, 0)
    return {
        "total": sum(found["by_teller"].values()),
        "themes": sorted(themes, key=lambda t: (-t.n, t.name)),
        "ticks": ticks,
        "by_teller": _by_teller(inquiry, found["by_teller"]),
    }


def _by_teller(inquiry, counts) -> list[tuple[str, int]]:
    """Stories per "Who are you?" choice of the programme, then any told under a choice
    since taken off the list (or saved as a code before each programme had its own)."""
    found: dict[str, int] = {label: 0 for _, label in inquiry.teller_choices()}
    for value, n in counts.items():
        label = Story.OLD_TELLERS.get(value, value)
        found[label] = found.get(label, 0) + n
    return list(found.items())


@transaction.atomic
def code_story(story, theme_ids, *, by):
    themes = InquiryTheme.objects.filter(inquiry=story.inquiry, pk__in=theme_ids)
    before = sorted(story.themes.values_list("name", flat=True))
    story.themes.set(themes)
    after = sorted(t.name for t in themes)
    if before != after:
        _log(story, "themes", ", ".join(before), ", ".join(after), by=by)


@transaction.atomic
def add_proposition(inquiry, *, text: str, theme_ids, by) -> Proposition:
    proposition = Proposition.objects.create(inquiry=inquiry, text=text.strip(), created_by=by)
    proposition.themes.set(InquiryTheme.objects.filter(inquiry=inquiry, pk__in=theme_ids))
    return proposition


def action_from_proposition(proposition, *, by, **choices):
    """A proposition becomes an action (``choices`` as ActionFromForm gives them)."""
    return action_from(proposition, by=by, description=proposition.text, **choices)


def actions_of(inquiry):
    from django.contrib.contenttypes.models import ContentType

    return Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Proposition),
        source_id__in=inquiry.propositions.values("pk"),
    ).select_related("locality", "owner")


# --- Closing the loop --------------------------------------------------------------------


def informed_by(action) -> list[Story]:
    """The stories behind an action from an inquiry: those coded with its proposition's
    themes, that are still visible."""
    proposition = action.source if isinstance(action.source, Proposition) else None
    if proposition is None:
        return []
    return list(
        Story.objects.approved()
        .filter(inquiry=proposition.inquiry, themes__in=proposition.themes.all())
        .distinct()
    )


def connect() -> None:
    """Storytellers behind an action from an inquiry hear when it is done."""
    when_action_done(_tell_storytellers)


def _tell_storytellers(action) -> None:
    """Once per action: done, reopened and done again, it writes to nobody a second time."""
    if not action.source_type_id or action.storytellers_told_at is not None:
        return
    action.storytellers_told_at = timezone.now()
    Action.objects.filter(pk=action.pk).update(storytellers_told_at=action.storytellers_told_at)
    close_the_loop(action)


# A web address in any form a mail program would make a link of: "//" (after a scheme or
# not), "www.", or any word with a dot before two letters or more ("ashcombe-help.online").
# An ordinary sentence seldom has one ("e.g." and "10.30am" do not count); when one does, the
# email only says that something changed. Spellings meant to dodge a check ("hxxps", "dot")
# are not caught: no pattern can, and a mail program does not link them.
LINK = re.compile(r"//|\bwww\.|\w\.[^\W\d_]{2,}", re.IGNORECASE)
# Dots a mail program may read as a dot: full-width, ideographic and halfwidth.
DOTS = str.maketrans({"\uff0e": ".", "\u3002": ".", "\uff61": "."})


def _has_link(words: str) -> bool:
    return bool(LINK.search(unicodedata.normalize("NFKC", words).translate(DOTS)))


def what_changed(action, inquiry) -> str:
    """The action's own words for its storytellers, or "" when they may hold someone's
    personal details (a name of one of the inquiry's storytellers, an email, a phone number,
    an address, a date...) or a web address (which could ask a storyteller to come forward,
    in the team's name, to anyone): nobody reviews this email before it goes, so it then says
    only that something changed."""
    words = action.title + (f"\n\n{action.description}" if action.description else "")
    names = {
        name
        for pair in Story.objects.filter(inquiry=inquiry).values_list(
            "first_name", "consenter_name"
        )
        for name in pair
        if name
    }
    kinds = personal_details.WARNING_KINDS
    if _has_link(words) or personal_details.find(words, kinds=kinds, names=sorted(names)):
        return ""
    return words


def close_the_loop(action) -> dict:
    """When an action from an inquiry is done, tell the storytellers behind it what changed:
    an email to those who left one; the rest go on a printable letter list."""
    emailed, letters, told = 0, [], set()
    stories = informed_by(action)
    words = what_changed(action, stories[0].inquiry) if stories else ""
    for story in stories:
        address = story.email.strip().lower()
        if address in told:
            continue  # one email to a person, however many of their stories led here
        body = (
            f"You told {story.inquiry.run_by} a story for “{story.inquiry.title}”. "
            + (
                f"Because of what people said, this has now happened:\n\n{words}\n"
                if words
                else "Because of what people said, something the team planned has now been done.\n"
            )
            + "\nThank you for taking part."
        )
        if address:
            told.add(address)
            queue_email(story.email, "What changed because of your story", body)
            emailed += 1
        else:
            letters.append(story)
    return {"emailed": emailed, "letters": letters, "words_left_out": bool(stories) and not words}
