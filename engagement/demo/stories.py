"""Demo appreciative inquiries and stories (fictional people only). Safe to run again."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from engagement.models import InquiryPage, InquiryTheme, LocalityPage, ProgrammePage, Story
from engagement.stories import learning as story_learning
from engagement.stories import services

THEMES = [
    ("Staff who know me", "The same faces, who know my history and what matters to me."),
    ("Being asked, not told", "People asked what I wanted before anything was decided."),
    ("Help that turns up", "Support arrived when it was promised, and said when it could not."),
    ("Part of things", "Support helped me keep going to the places and people I love."),
]

# text, what made it good, teller, setting, feeling, consents (learning, quote, first name),
# first name, final status, public version, themes (indexes into THEMES)
STORIES = [
    (
        "After my fall I was worried I would have to give up the allotment. The reablement "
        "worker, Dawn, came with me the first week and we worked out which jobs I could still "
        "do sitting down. Now I go three mornings a week.",
        "She asked what I wanted to keep doing, not what I couldn't do.",
        "older_person",
        "community",
        "very_good",
        (True, True, True),
        "Arthur",
        Story.PUBLISHABLE,
        "After my fall I was worried I would have to give up the allotment. The reablement "
        "worker came with me the first week and we worked out which jobs I could still do "
        "sitting down. Now I go three mornings a week.",
        [1, 3],
    ),
    (
        "When Mum went into respite, the manager rang me every evening for the first three "
        "days without me asking. I slept properly for the first time in months.",
        "Being kept in the loop meant I could rest.",
        "carer",
        "care_home",
        "very_good",
        (True, True, False),
        "",
        Story.PUBLISHABLE,
        "When Mum went into respite, the manager rang me every evening for the first three "
        "days without me asking. I slept properly for the first time in months.",
        [2],
    ),
    (
        "The same two carers come every morning. They know I like my tea weak and that I get "
        "muddled before nine. I don't have to explain myself any more.",
        "",
        "older_person",
        "own_home",
        "good",
        (True, True, False),
        "",
        Story.PUBLISHABLE,
        "The same two carers come every morning. They know how I like my tea and that I get "
        "muddled early on. I don't have to explain myself any more.",
        [0],
    ),
    (
        "My personal budget meant Dad could choose a lunch club at the cricket ground instead "
        "of the day centre. He talks about the Saturday matches all week.",
        "Dad chose it himself.",
        "family",
        "community",
        "very_good",
        (True, False, False),
        "",
        Story.LEARNING_ONLY,
        "",
        [1, 3],
    ),
    (
        "The social worker came to my house rather than making me go to the office, and she "
        "wrote my support plan with me at the kitchen table.",
        "",
        "older_person",
        "own_home",
        "good",
        (True, False, False),
        "",
        Story.LEARNING_ONLY,
        "",
        [1],
    ),
    (
        "The district nurse phoned when she was running late, every time. It sounds small but "
        "it meant I wasn't sat waiting by the door.",
        "Being told what was happening.",
        "older_person",
        "own_home",
        "okay",
        (True, True, False),
        "",
        Story.IN_REVIEW,
        "",
        [],
    ),
    (
        "At the memory cafe the volunteers remember my husband's name and his football team. "
        "He laughs there like he used to.",
        "",
        "carer",
        "day_service",
        "very_good",
        (True, True, True),
        "Margaret",
        Story.RECEIVED,
        "",
        [],
    ),
]


def load(stdout) -> None:
    programme = ProgrammePage.objects.first()
    locality = LocalityPage.objects.filter(slug="ashcombe").first()
    if programme is None or locality is None:
        return
    if InquiryPage.objects.exists():
        return
    from django.contrib.auth import get_user_model

    User = get_user_model()
    moderators = list(
        User.objects.filter(email__in=["coordinator@example.org", "facilitator@example.org"])
    )
    lead = next((u for u in moderators if u.email == "facilitator@example.org"), None)
    if lead:
        programme.safeguarding_lead = lead
        programme.save_revision().publish()
    group, _ = Group.objects.get_or_create(name="Story moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for user in moderators:
        user.groups.add(group)

    today = timezone.localdate()
    inquiry = InquiryPage(
        title="When support worked well in Ashcombe",
        slug="when-support-worked-well",
        question="Tell us about a time when care or support worked well for you.",
        introduction="We are learning from what already works in Ashcombe, so that more "
        "people get support like it. Every story helps, long or short.",
        prompts="Who helped you?\nWhat did they do?\nHow did you feel afterwards?",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
        run_by="the Ashcombe locality team",
    )
    locality.add_child(instance=inquiry)
    inquiry.save_revision().publish()
    programme_wide = InquiryPage(
        title="Carers' stories of good support",
        slug="carers-stories",
        question="Tell us about a time you felt supported as a carer.",
        introduction="Carers across the programme tell us what made a difference, so every "
        "locality can learn from it.",
        prompts="What made it easier to keep caring?\nWho noticed you?",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=90),
        stage=InquiryPage.DISCOVER,
        run_by="the programme team",
    )
    programme.add_child(instance=programme_wide)
    programme_wide.save_revision().publish()
    strengths = inquiry.strength_choices()
    programme_wide.strength_choices()

    themes = [
        InquiryTheme.objects.create(inquiry=inquiry, name=name, description=description)
        for name, description in THEMES
    ]
    coordinator = next((u for u in moderators if u.email == "coordinator@example.org"), None)
    for i, row in enumerate(STORIES):
        (text, good, teller, setting, feeling, consents, first, status, public, theme_ix) = row
        story = services.receive_story(
            inquiry=inquiry,
            data={
                "text": text,
                "what_made_it_good": good,
                "teller": Story.OLD_TELLERS.get(teller, teller),
                "setting": setting,
                "feeling": feeling,
                "locality": locality,
                "consent_learning": consents[0],
                "consent_quote": consents[1],
                "consent_first_name": consents[2],
                "first_name": first,
                "email": f"storyteller{i + 1}@example.net" if i % 2 == 0 else "",
                "strengths": strengths[i % 3 : i % 3 + 2],
            },
            files={},
        )
        if status == Story.RECEIVED:
            continue
        services.move(story, Story.IN_REVIEW, by=coordinator)
        if status != Story.IN_REVIEW:
            services.move(story, status, by=coordinator, redacted_text=public)
        story.themes.set([themes[x] for x in theme_ix])

    # A story collected at a drop-in, consented for by a daughter on her father's behalf.
    facilitator = User.objects.filter(email="member@ashcombe.example.org").first()
    services.receive_story(
        inquiry=inquiry,
        data={
            "text": "Dad lights up when the music group comes to the home. He sings every word "
            "of the old songs even on days he doesn't know us.",
            "teller": "A family member",
            "setting": "care_home",
            "locality": locality,
            "consent_learning": True,
            "consent_quote": True,
            "collected": Story.DROP_IN,
            "consent_method": "written",
            "consent_taken_by": "Rose Tamworth",
            "on_behalf": True,
            "consenter_name": "his daughter",
            "consenter_relationship": "Daughter and lasting power of attorney",
            "best_interests_note": "He always loved to sing and would want other homes to "
            "have music too. His daughter and the home manager agreed.",
        },
        files={},
        entered_by=facilitator,
    )
    # A story the screening holds for the safeguarding lead (it shows the queue working).
    services.receive_story(
        inquiry=programme_wide,
        data={
            "text": "Most of the time the help is good. But one night carer shouts at my "
            "husband and I am scared of complaining in case they stop coming.",
            "teller": "A carer",
            "consent_learning": True,
        },
        files={},
    )
    inquiry.propositions.create(
        text="Everyone who gets support at home has a small team of named carers who know them.",
        created_by=coordinator,
    ).themes.set([themes[0]])
    proposition = inquiry.propositions.create(
        text="Every assessment starts with what the person wants to keep doing.",
        created_by=coordinator,
    )
    proposition.themes.set([themes[1]])
    story_learning.action_from_proposition(
        proposition,
        locality=locality,
        title="Add “what do you want to keep doing?” to the first page of the assessment",
        due_date=today + datetime.timedelta(days=45),
        by=coordinator,
    )
    stdout.write(f"  {Story.objects.count()} demo stories in 2 inquiries")
