"""Appreciative inquiries and stories: each check beside the query of what it allows."""

from __future__ import annotations

from django.db.models import Q

from engagement.access.roles import (
    _member_in_programme,
    _roles,
    _signed_in,
    is_programme_admin,
    is_programme_staff,
    membership,
)
from engagement.access.workspace import runs_locality_work
from engagement.models import InquiryPage, LocalityPage, ProgrammeRole, Story


def can_moderate_stories(user, inquiry) -> bool:
    """Moderators: the programme team (they work in the Wagtail admin)."""
    return is_programme_staff(user, inquiry.programme_id)


def stories_to_moderate(user):
    """The stories ``user`` may moderate (the same rule as can_moderate_stories, as a query)."""
    if not _signed_in(user):
        return Story.objects.none()
    if user.is_superuser:
        return Story.objects.all()
    staff_of = [
        pid for pid, r in _roles(user)[0].items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    return Story.objects.filter(inquiry__programme_id__in=staff_of)


def quotable_stories(user):
    """Stories ``user`` may quote in a guide: the public (de-identified) version of those
    approved for publication whose tellers agreed to be quoted, in the programmes they
    moderate for (all, for superusers)."""
    return stories_to_moderate(user).publishable()


# Who reads which part of a story, by their place in the inquiry. The storyteller is told
# this on the form; the checks below read this table and nothing else, so a notice that
# describes it (or a test that walks it) describes what really happens.
MODERATOR, INQUIRY_ORGANISER = "moderator", "inquiry organiser"
INQUIRY_TEAM, PROGRAMME_TEAMS = "inquiry team", "programme's teams"
INQUIRY_READERS = {MODERATOR, INQUIRY_ORGANISER, INQUIRY_TEAM}
STORY_READERS = {
    "original text": INQUIRY_READERS,
    "own words about what made it good": INQUIRY_READERS,
    "de-identified text": INQUIRY_READERS | {PROGRAMME_TEAMS},
    # Name, email, address, consenter: those who write to storytellers and run the inquiry.
    # A carer in the team reads the stories, not who told them (as with event bookings).
    "storyteller's details": {MODERATOR, INQUIRY_ORGANISER},
    "recordings and pictures": INQUIRY_READERS,
    # A scan of the paper form (or the recording of an interview) holds the teller's name and
    # address as written or said: it is read as their details are. The team reads the story
    # typed in from it.
    "paper forms and interview recordings": {MODERATOR, INQUIRY_ORGANISER},
    "themes and ticks": INQUIRY_READERS | {PROGRAMME_TEAMS},
}

# The same places in plain words, for the privacy notice that describes the table.
READER_WORDS = {
    MODERATOR: "the programme team, who check each story",
    INQUIRY_ORGANISER: "the lead and facilitators of the local team that runs the inquiry",
    INQUIRY_TEAM: "the other members of that local team",
    PROGRAMME_TEAMS: "for an inquiry across the whole programme: the other local teams in it",
}


def readers_of(part: str) -> list[str]:
    """Who reads ``part`` of a story, in plain words, as STORY_READERS says today."""
    return [words for r, words in READER_WORDS.items() if r in STORY_READERS[part]]


def story_reader(user, inquiry) -> str | None:
    """``user``'s place in ``inquiry``: a moderator (the programme team), the lead or a
    facilitator of the inquiry's own team (the locality that runs it), another member of that
    team, a team elsewhere in the programme (for a programme-wide inquiry), or None."""
    if can_moderate_stories(user, inquiry):
        return MODERATOR
    if inquiry.locality_id is not None:
        place = membership(user, inquiry.locality)
        if place is None:
            return None
        return INQUIRY_ORGANISER if runs_locality_work(place) else INQUIRY_TEAM
    return PROGRAMME_TEAMS if _member_in_programme(user, inquiry.programme_id) else None


def story_parts_for(user, inquiry) -> set[str]:
    """The parts of the inquiry's stories that ``user`` may read (see STORY_READERS)."""
    reader = story_reader(user, inquiry)
    return {part for part, readers in STORY_READERS.items() if reader in readers}


def may_read_story_part(user, inquiry, part: str) -> bool:
    return part in story_parts_for(user, inquiry)


# Which part of a story (STORY_READERS) each of its files is.
STORY_FILE_PARTS = {
    "recording": "recordings and pictures",
    "picture": "recordings and pictures",
    "scan": "paper forms and interview recordings",
}


def may_read_story_file(user, inquiry, field: str) -> bool:
    """A story's recording, picture or scan, read as the part of the story it is."""
    part = STORY_FILE_PARTS.get(field)
    return part is not None and may_read_story_part(user, inquiry, part)


def can_see_storyteller_details(user, inquiry) -> bool:
    """Names, emails and addresses: moderators, and the lead and facilitators of the
    inquiry's own team."""
    return may_read_story_part(user, inquiry, "storyteller's details")


def can_analyse_inquiry(user, inquiry) -> bool:
    """Read approved stories, code themes, write propositions, export: the inquiry's team and
    moderators; for a programme-wide inquiry, any locality team in the programme too."""
    return story_reader(user, inquiry) is not None


def inquiries_for(user):
    """The inquiries whose stories ``user`` may analyse (the same rule, as one query)."""
    if not _signed_in(user):
        return InquiryPage.objects.none()
    if user.is_superuser:
        return InquiryPage.objects.all()
    programme_roles, memberships = _roles(user)
    staff_of = [
        pid for pid, r in programme_roles.items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    member_programmes = LocalityPage.objects.filter(pk__in=list(memberships)).values("programme_id")
    return InquiryPage.objects.filter(
        Q(programme_id__in=staff_of)
        | Q(locality_id__in=list(memberships))
        | Q(locality__isnull=True, programme_id__in=member_programmes)
    )


def can_enter_story(user, inquiry) -> bool:
    """Enter a story collected in person: the same people as can analyse it."""
    return can_analyse_inquiry(user, inquiry)


def can_decide_safeguarding(user, story) -> bool:
    """The programme's named safeguarding lead; programme admins only when none is named."""
    if not _signed_in(user):
        return False
    programme = story.inquiry.programme
    if programme is None:
        return user.is_superuser
    if programme.safeguarding_lead_id:
        return programme.safeguarding_lead_id == user.pk
    return is_programme_admin(user, programme.pk)
