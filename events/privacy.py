"""What a booking for an event records, for the privacy notice and the data-protection pack."""

from site_content.privacy import Part, Record, days

# Who organises an event, and so reads its bookings (engagement.access.can_organise_in).
ORGANISERS = (
    "the event's organisers: the programme team, and for a local event the local team's "
    "lead and facilitators",
)


def _kept():
    return [
        f"We wipe your access needs, your food and drink needs and your overnight "
        f"accommodation needs {days('event_needs')} after the event ends.",
        f"If you cancel, do not confirm a place offered to you, or are still on the waiting "
        f"list when the event ends, we delete the booking {days('ended_registrations')} "
        f"after you made it (and not before the event has ended).",
        f"If the booking is not confirmed by the link we email you, we delete it "
        f"{days('unconfirmed_registrations')} after it was made.",
        "Other bookings stay as a record of who came.",
    ]


REGISTRATION = Record(
    key="event_registration",
    order=20,
    title="When you book a place at an event",
    who_gives="Anyone who books a place at a design day, a network meeting or another event.",
    why="To keep your place, to tell you about the event and to meet your access needs on the day.",
    parts=(
        Part(
            "Your name, email, how you are taking part and how many people come with you",
            ("name", "email", "taking_part_as", "companions"),
            ORGANISERS,
        ),
        Part(
            "Which locality's places you book, if you are in a team with places set aside, and "
            "for an event of several days, the days you will come and the days you came",
            ("booking_locality", "days"),
            ORGANISERS,
        ),
        Part(
            "Your access needs and your food and drink needs, and for an event of several "
            "days whether you need somewhere to stay overnight and what you need there",
            ("access_needs", "dietary_needs", "overnight", "overnight_notes"),
            ORGANISERS,
            special=True,
        ),
        Part(
            "Whether we may contact you about the event and what happens next",
            ("consent_to_contact",),
            ORGANISERS,
        ),
    ),
    kept=_kept,
    published="Never. We do not publish who comes to an event.",
    rights=(
        "The email that confirms your place has a private link to see or cancel your "
        "booking. To change it, ask the organisers.",
        "Only the owner of an email address is told whether it has a place: if someone else "
        "types your address, the answer comes to you by email, not to them on the page.",
    ),
    forms=("events.forms.RegistrationForm",),
    not_kept=("once",),  # the once-only key (site_content.once): it records nothing about anyone
    flow=(
        "The person books a place on the event page, and confirms the booking by the link "
        "emailed to them (unless they are signed in with that address).",
        "The organisers read the bookings to plan the day, including access needs.",
        "After the event, access, food and overnight needs are wiped on the retention schedule.",
    ),
    risks=(
        (
            "Access needs and overnight needs say something about a person's health.",
            "Only the event's organisers read them, and they are wiped after the event.",
        ),
    ),
    easy_read=lambda: (
        "You can book a place at an event.",
        "Tell us what help you need on the day, and if you need somewhere to stay.",
        "Only the people running the event, and the website's administrators, see this.",
        f"We delete the help you need {days('event_needs')} after the event.",
    ),
    picture="📅",
    easy_title="If you book a place at an event",
)


TOPIC = Record(
    key="event_topic",
    order=25,
    title="When you suggest a topic for an event",
    who_gives="Anyone who suggests in advance what a large meeting (such as a congress of "
    "citizens) should talk about.",
    why="To plan what the event talks about.",
    parts=(Part("Your topic, and your name if you give it", ("topic", "name"), ORGANISERS),),
    kept=lambda: [
        f"We keep the topics with the event's record. We remove your name, and which account "
        f"sent the topic, {days('topic_names')} after the event ends."
    ],
    published="Never. Only the organisers see the suggestions.",
    rights=("Ask the organisers to change or delete your suggestion.",),
    forms=("events.forms.TopicForm",),
    not_kept=("once",),  # the once-only key (site_content.once): it records nothing about anyone
    flow=(
        "The person suggests a topic on the event's page.",
        "If they are signed in, the suggestion notes their account, so that their copy of "
        "their data includes it. The organisers do not see the account.",
        "The organisers read the suggestions when they plan the event.",
    ),
)
