"""What a story records, for the privacy notice and the data-protection pack. Who reads each
part is read from STORY_READERS, the table the access checks use, when the notice is shown."""

from django.conf import settings

from engagement.access.stories import MODERATOR, READER_WORDS, readers_of
from site_content.privacy import Part, Record, days


def _part(what, fields, table_key, special=False):
    return Part(what, fields, lambda: readers_of(table_key), special)


def _kept():
    return [
        "We keep your story while the programme learns from it. It is not deleted on a fixed "
        "date, but you can take it back at any time.",
        "If you take your story back, we delete at once your words, your name, email and "
        "address, any files, and the team's notes about the story.",
        f"For {days('withdrawn_stories')} after that we keep a short record, then delete it "
        "too: the story's number and dates; who you are (for example, a carer); where it "
        "happened and how it felt; how it was collected, whether someone agreed for you, and "
        "what you agreed to and when; and, if the story raised a worry about someone's "
        "safety, what the safeguarding lead decided.",
        "The audit log notes that the story was taken back or your choices changed, when, "
        f"and the internet address it was done from; it keeps that for {days('audit_log')} "
        '(see "For everyone").',
        f"Your private link to your story works for {settings.STORY_LINK_DAYS:,} days.",
    ]


STORY = Record(
    key="story",
    order=10,
    title="When you tell a story",
    who_gives="Older people, disabled people, carers and staff who tell an inquiry about a "
    "time when support worked well. A member of the team may write it down for you.",
    why="To learn what makes support good, and to change services so more people get it.",
    parts=(
        _part(
            "Your story in your own words",
            ("text",),
            "original text",
            special=True,
        ),
        _part(
            "What made it good, in your own words",
            ("what_made_it_good",),
            "own words about what made it good",
        ),
        _part(
            "A recording or a picture you send. We take out of JPEG, PNG and WEBP pictures the "
            "hidden details a phone adds, such as where the picture was taken",
            ("recording", "picture", "picture_description"),
            "recordings and pictures",
            special=True,
        ),
        _part(
            "A scan of your paper form, or the recording of your interview, which may have "
            "your name and address in it",
            ("scan",),
            "paper forms and interview recordings",
            special=True,
        ),
        _part(
            "Your first name, email and postal address; who took your consent; and, if someone "
            "agreed for you, who they are and why it was in your best interests",
            (
                "first_name",
                "email",
                "postal_address",
                "consenter_*",
                "best_interests_note",
                "consent_taken_by",
            ),
            "storyteller's details",
        ),
        _part(
            "A copy of your story with your name and anything that could identify you taken out",
            (),
            "de-identified text",
        ),
        _part(
            "Who you are, where you live, where it happened, how it felt, what you ticked, "
            "and what you agreed to",
            (
                "teller",
                "locality",
                "setting",
                "feeling",
                "strengths",
                "collected",
                "consent_learning",
                "consent_quote",
                "consent_first_name",
                "consent_method",
                "on_behalf",
            ),
            "themes and ticks",
        ),
        Part(
            "Words in your story that may mean someone is at risk of harm, found by an "
            "automatic check, and what the safeguarding lead decided",
            (),
            (READER_WORDS[MODERATOR], "the programme's safeguarding lead"),
            special=True,
        ),
    ),
    kept=_kept,
    published="Only if you tick that we may quote it, and the programme team agrees. Then we "
    "may publish the copy with your name and anything that could identify you taken out: on "
    "the inquiry's page on this website, in the programme's guide and in its reports. We "
    "say who told it in general words, such as “a carer”. We show your first name only if "
    "you tick that too. We never publish your email or address.",
    rights=(
        "If you gave an email address, we send you a private link. With it you can read your "
        "story, change what you agreed to and take the story back.",
        "If you did not give an email, ask the team who collected your story.",
    ),
    forms=(
        "engagement.stories.forms.StoryForm",
        "engagement.stories.forms.FacilitatedStoryForm",
        "engagement.stories.forms.ConsentForm",
    ),
    not_kept=("website", "once"),  # a trap for spam; the once-only key (site_content.once)
    flow=(
        "The storyteller fills in the form, or a team member enters a paper form or an "
        "interview with their consent.",
        "The programme team checks each story (moderation) and writes the copy with names "
        "taken out.",
        "A story that raises a concern for someone's safety is held apart for the "
        "safeguarding lead.",
        "The inquiry's team reads and codes approved stories to find themes (analysis).",
        "Quotes that the storyteller allowed may go into the guide, through its publication check.",
    ),
    risks=(
        (
            "A story names or identifies someone, or says something about their health.",
            "Only the programme team and the inquiry's own team read the original. Others "
            "read a copy with names taken out. Only stories marked for publication by a "
            "moderator, whose teller agreed, can be quoted, and the guide's publication check "
            "refuses the rest.",
        ),
        (
            "A story shows that someone is at risk of harm.",
            "It is held out of every list and report until the safeguarding lead decides.",
        ),
        (
            "A storyteller changes their mind.",
            "Their private link lets them change consent or take the story back; the next "
            "build of the guide leaves it out.",
        ),
    ),
    easy_read=(
        "You can tell us a story about good support.",
        "Only the teams asking for stories read your story.",
        "Only the programme team and the people who run the local team see your name, email "
        "and address.",
        "People in other teams only see it with names taken out.",
        "We only share your words if you say yes.",
        "We never share your name. We only share your first name if you say yes.",
        "You can change your mind. You can take your story back.",
        "Then we delete it. We only keep a note that you took it back.",
    ),
    picture="✎",
    easy_title="If you tell us a story",
)
