"""What panel feedback records, for the privacy notice and the data-protection pack. Who reads
it follows engagement.access.panels: can_see_all_feedback and can_view_responses."""

from site_content.privacy import Part, Record

BEFORE = ("the panel's facilitator", "the programme team")
AFTER = (
    *BEFORE,
    "after the round is published: the panel members invited to it, or anyone if the "
    "round is public",
)


def _kept():
    return [
        "We keep feedback with the review round, as the record of what the panel said and "
        "what changed because of it. It is not deleted on a fixed date.",
        "If you leave the panel, ask us and we will delete or anonymise your feedback.",
        "We keep the record of what you took part in and what we paid you. It is not deleted "
        "on a fixed date, because payments must be accounted for.",
    ]


FEEDBACK = Record(
    key="panel_feedback",
    order=30,
    title="When you give feedback as a member of an experts-by-experience panel",
    who_gives="Members of a panel of people with lived experience, who review plans, "
    "leaflets and services. The facilitator may enter feedback you give on paper or by phone.",
    why="To improve what the programme makes, and to show what changed because of what you said.",
    parts=(
        Part("Your answer to each question", ("rating_*",), BEFORE),
        Part("What you wrote about each question", ("text_*",), AFTER),
        Part(
            "Who the feedback is from, and how it was given",
            ("member", "how_given"),
            BEFORE,
        ),
        Part(
            "What you have taken part in, your training, the boards you sit on, and the fees "
            "and expenses we pay you",
            (),
            ("you", *BEFORE),
        ),
    ),
    kept=_kept,
    published="In the “You said, we did” page of the round. Your name is shown there only "
    "if you agreed to it (the facilitator records your choice); otherwise it says “A panel "
    "member”.",
    rights=("Ask the panel's facilitator to see, correct or delete your feedback.",),
    forms=("engagement.panels.forms.FeedbackForm",),
    flow=(
        "The member answers the questions online, or the facilitator enters feedback given "
        "on paper or by phone.",
        "The facilitator and the programme team read all feedback and respond to each point.",
        "When the round is published, the responses and what was said are shown to the "
        "panel, or to everyone for a public round.",
    ),
    risks=(
        (
            "Feedback reveals a member's health or experience of services.",
            "Names are shown outside the team only when the member chose it.",
        ),
    ),
    easy_read=(
        "If you are on a panel, you tell us what you think.",
        "We show what we changed because of what you said.",
        "We only show your name if you say yes.",
    ),
    picture="☺",
    easy_title="If you are on a panel",
)
