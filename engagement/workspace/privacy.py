"""What a progress entry records, for the privacy notice and the data-protection pack. Who
reads it follows engagement.access.workspace: can_view_entry."""

from site_content.privacy import Part, Record

TEAM = (
    "the locality's team",
    "the programme team",
    "the programme's evaluators, who study how it is going",
)


def _kept():
    return [
        "We keep the progress log as the record of the programme. It is not deleted on a "
        "fixed date. Drafts stay until they are sent or deleted.",
    ]


PROGRESS_ENTRY = Record(
    key="progress_entry",
    order=40,
    title="When you log progress for your locality",
    who_gives="Members of a locality's team, who record what they did and learned.",
    why="To keep track of the programme, to report on it, and to share what works.",
    parts=(
        Part(
            "What you did, what you learned, next steps, and the date and phase",
            (
                "entry_date",
                "phase",
                "what_we_did",
                "what_we_learned",
                "next_steps",
                "sds_steps",
                "pct_tools",
                "who",
                "own_tags",
                "version",
            ),
            TEAM,
        ),
        Part("Files you attach", ("attachments",), TEAM),
        Part(
            "Whether other places could learn from it, and your name as its author",
            ("is_learning",),
            TEAM,
        ),
    ),
    kept=_kept,
    published="Only entries marked as learning, after the programme team checks them, in "
    "the programme's guide. Authors' names are not published.",
    rights=(
        "You can change your own entries in the workspace. Ask your locality lead to delete one.",
    ),
    forms=("engagement.workspace.forms.ProgressEntryForm",),
    not_kept=("once",),  # the form's once-only key (site_content.once), nothing about anyone
    easy_read=(
        "If you are in a local team, you write down what you did.",
        "Your team, the programme team and the people who study how the programme is going "
        "can read it.",
        "Some of it may go in our guide. We do not put your name in it.",
    ),
    picture="✍",
    easy_title="If you are in a local team",
    flow=(
        "A team member writes an entry in the locality's workspace.",
        "The team and the programme team read it; entries marked as learning may be chosen "
        "for the guide.",
        "The guide's publication check decides what is published.",
    ),
    risks=(
        (
            "An entry names a person who uses services.",
            "Entries are private to the workspace. The guide's publication check refuses "
            "text with an email address, a phone number or a postcode.",
        ),
    ),
)
