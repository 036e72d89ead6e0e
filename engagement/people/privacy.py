"""What invitations and working groups record, for the privacy notice and the pack. Who reads
it follows engagement.access.groups."""

from site_content.privacy import Part, Record

INVITERS = (
    "the person who invited you",
    "the locality's lead or the group's conveners",
    "the programme's admins",
)
GROUP = ("the group's members", "the programme team")


def _invitation_kept():
    return [
        "We keep an invitation as a record of who was asked to join and when. It is deleted "
        "if you ask us to erase what we hold about you.",
        "The link in the email stops working after the number of days the inviter chose "
        "(14 unless they chose otherwise), or as soon as it is used or withdrawn.",
        "When invitations are sent from a CSV file, the report of what happened to each row "
        "(name, email address and result) is kept in the inviter's signed-in session so that "
        "they can look at it again. It goes when they upload another file or sign out.",
    ]


INVITATION = Record(
    key="invitation",
    order=45,
    title="When someone invites you to a team or group",
    who_gives="Programme admins, locality leads and group conveners, who type in, or upload "
    "in a CSV file, the name and email address of the person they invite; and the person "
    "invited, who chooses a password.",
    why="To send you the invitation and, when you accept, to make your account and give you "
    "your place in the team or group.",
    parts=(
        Part(
            "Your name, your email address and the role you are invited to",
            ("first_name", "last_name", "email", "role", "is_lead", "file"),
            INVITERS,
        ),
        Part("How long the invitation lasts", ("days",), INVITERS),
        Part(
            "The password you choose. We keep only a scrambled form of it that no one can read",
            ("password1", "password2"),
            ("no one",),
        ),
    ),
    kept=_invitation_kept,
    published="Never.",
    rights=(
        "If you do not want to join, ignore the email: nothing else happens.",
        "Ask the person who invited you, or the programme's admins, to withdraw it.",
    ),
    forms=(
        "engagement.people.forms.InviteForm",
        "engagement.people.forms.CsvInviteForm",
        "engagement.people.forms.InvitationSignupForm",
    ),
    easy_read=(
        "Someone can invite you to a team by email.",
        "The email has a link. The link works for 14 days.",
        "If you do not want to join, do nothing.",
    ),
    picture="✉",
    easy_title="If someone invites you",
    flow=(
        "An inviter types the person's name and email address, or uploads a CSV file.",
        "The platform sends one email with a link; only a scrambled form of the link is kept.",
        "The person opens the link, makes an account with their name, and joins.",
    ),
    risks=(
        (
            "An invitation goes to the wrong person.",
            "Only the email address it was sent to can accept it, and the inviter can "
            "withdraw it at any time.",
        ),
    ),
)


def _group_kept():
    return [
        "We keep a group's space, its log and its closing report as the record of the "
        "programme. When someone leaves, what they wrote stays, under their name.",
    ]


GROUP_WORK = Record(
    key="group_work",
    order=46,
    title="When you work in a group across localities",
    who_gives="Members of groups that work on one task for a while (task-and-finish groups), "
    "steering groups and networks.",
    why="To let the group work together in private, and to keep what it found.",
    parts=(
        Part(
            "The group's name, remit and dates",
            ("name", "kind", "remit", "starts_on", "ends_on"),
            GROUP,
        ),
        Part("Who is in the group, and their role", ("person", "role"), GROUP),
        Part("Notes in the group's log, and files", ("written_on", "text", "file"), GROUP),
        Part(
            "The group's actions: what will be done, by whom and by when",
            ("title", "description", "owner", "due_date", "status", "version"),
            GROUP,
        ),
        Part(
            "The closing report, and whether it is learning for the guide",
            ("closing_report", "report_is_learning"),
            GROUP,
        ),
    ),
    kept=_group_kept,
    published="Only a closing report marked as learning, after the programme team checks it, "
    "in the programme's guide. Members' names are not published.",
    rights=("Ask a convener or the programme team to correct or remove a note.",),
    forms=(
        "engagement.people.forms.GroupForm",
        "engagement.people.forms.AddMemberForm",
        "engagement.people.forms.GroupNoteForm",
        "engagement.people.forms.GroupActionForm",
        "engagement.people.forms.CloseGroupForm",
    ),
    easy_read=(
        "Some people work in a group with people from other places.",
        "Only the group and the programme team can read what the group writes.",
    ),
    picture="☷",
    easy_title="If you are in a group",
    flow=(
        "Members write notes in the group's private space.",
        "When the group closes, a convener writes a closing report.",
        "A report marked as learning may be chosen for the guide, after the publication check.",
    ),
    risks=(
        (
            "A note names a person who uses services.",
            "The space is private to the group and the programme team; a removed member loses "
            "access at once.",
        ),
    ),
)
