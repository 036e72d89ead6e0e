"""What engagement holds about a person, for export and erasure (accounts.rights)."""

from django.db.models import Q

from accounts.scrub import replace_in, replace_names
from engagement.models import (
    Action,
    Answer,
    Benefit,
    BoardReport,
    CommsItem,
    DevelopmentPlan,
    EntryAttachment,
    EntryRevision,
    Feedback,
    GroupMembership,
    GroupNote,
    Invitation,
    LocalityMembership,
    MemberTraining,
    MilestoneReport,
    Panel,
    PanelMember,
    PointResponse,
    ProgrammePage,
    ProgrammeRole,
    ProgressEntry,
    Project,
    Proposition,
    RegisterItem,
    ReviewRound,
    Story,
    StoryChange,
    StoryCountStamp,
    WorkingGroup,
)

# Every record that names a person as having done something (by a link to their account),
# with the ways from it to its programme: kept after the person leaves a team or a group, so
# it keeps them out of reach of other programmes' admins. A test checks that every link to an
# account in the app is here or among the roles and places read above.
WORK = [
    (Action, ("owner", "created_by"), ("locality__programme_id", "group__programme_id")),
    (GroupNote, ("author",), ("group__programme_id",)),
    (MilestoneReport, ("reported_by", "corrected_by"), ("locality__programme_id",)),
    (Project, ("manager",), ("programme_id",)),
    (Benefit, ("owner",), ("programme_id",)),
    (RegisterItem, ("owner",), ("programme_id",)),
    (CommsItem, ("owner",), ("programme_id",)),
    (BoardReport, ("written_by",), ("programme_id",)),
    (DevelopmentPlan, ("updated_by",), ("locality__programme_id",)),
    (EntryRevision, ("editor",), ("entry__locality__programme_id",)),
    (EntryAttachment, ("uploaded_by",), ("entry__locality__programme_id",)),
    (WorkingGroup, ("created_by",), ("programme_id",)),
    (Invitation, ("invited_by", "accepted_by"), ("programme_id",)),
    (Proposition, ("created_by",), ("inquiry__programme_id",)),
    (Panel, ("facilitator",), ("programme_id",)),
    (ReviewRound, ("created_by",), ("panel__programme_id",)),
    (Feedback, ("entered_by",), ("round__panel__programme_id",)),
    (
        PointResponse,
        ("responded_by",),
        ("answer__feedback__round__panel__programme_id", "point__consultation__programme_id"),
    ),
    (Story, ("entered_by", "safeguarding_decided_by"), ("inquiry__programme_id",)),
    (StoryChange, ("by",), ("story__inquiry__programme_id",)),
    (ProgrammePage, ("safeguarding_lead",), ("pk",)),
]


def _programmes_of_work(user) -> set:
    """Programmes holding work done by the person (``WORK``)."""
    found = set()
    for model, people, paths in WORK:
        done = Q()
        for field in people:
            done |= Q(**{field: user})
        for path in paths:
            found |= set(model.objects.filter(done).values_list(path, flat=True))
    return found


class EngagementData:
    def programmes(self, email, user) -> set:
        found = set(
            Invitation.objects.filter(email__iexact=email, accepted_at__isnull=False).values_list(
                "programme_id", flat=True
            )
        )
        if user is not None:
            found |= set(
                ProgrammeRole.objects.filter(user=user).values_list("programme_id", flat=True)
            )
            found |= set(
                LocalityMembership.objects.filter(user=user).values_list(
                    "locality__programme_id", flat=True
                )
            )
            found |= set(
                ProgressEntry.objects.filter(author=user).values_list(
                    "locality__programme_id", flat=True
                )
            )
            found |= set(
                GroupMembership.objects.filter(user=user).values_list(
                    "group__programme_id", flat=True
                )
            )
            found |= set(
                PanelMember.objects.filter(user=user).values_list("panel__programme_id", flat=True)
            )
            found |= set(
                Story.objects.filter(entered_by=user).values_list(
                    "inquiry__programme_id", flat=True
                )
            )
            found |= _programmes_of_work(user)
        return {pid for pid in found if pid is not None}

    def named_in(self, email, user) -> set:
        """Records that name the address without the person showing it is theirs: a story
        sent with it (anyone may type any address), an invitation not taken up."""
        found = set(
            Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True).values_list(
                "programme_id", flat=True
            )
        )
        found |= set(
            Story.objects.filter(email__iexact=email).values_list(
                "inquiry__programme_id", flat=True
            )
        )
        return found

    def export(self, email, user):
        stories = [
            story_record(s)
            for s in Story.objects.filter(email__iexact=email)
            .select_related("inquiry", "locality")
            .prefetch_related("strengths", "changes")
        ]
        invitations = [
            {"to": str(i.place), "role": i.role_label, "sent": i.created_at, "state": i.state()}
            for i in Invitation.objects.filter(email__iexact=email).select_related(
                "locality", "group"
            )
        ]
        if user is None:
            held = {"stories_told": stories, "invitations": invitations}
            return {key: value for key, value in held.items() if value}
        return {
            "stories_told": stories,
            "invitations": invitations,
            "working_groups": [str(m) for m in GroupMembership.objects.filter(user=user)],
            "group_notes": [
                {"group": n.group.name, "date": n.written_on, "text": n.text}
                for n in GroupNote.objects.filter(author=user).select_related("group")
            ],
            "actions_owned": [
                {
                    "list": a.group.name if a.group_id else a.locality.title,
                    "title": a.title,
                    "due": a.due_date,
                    "status": a.get_status_display(),
                }
                for a in Action.objects.filter(owner=user).select_related("group", "locality")
            ],
            "stories_entered": [
                s.reference for s in Story.objects.filter(entered_by=user).order_by("pk")
            ],
            "programme_roles": [str(r) for r in ProgrammeRole.objects.filter(user=user)],
            "locality_teams": [str(m) for m in LocalityMembership.objects.filter(user=user)],
            "progress_entries": [
                {
                    "date": e.entry_date,
                    "what_we_did": e.what_we_did,
                    "what_we_learned": e.what_we_learned,
                }
                for e in ProgressEntry.objects.filter(author=user)
            ],
            "panels": [
                {
                    "seat": str(p),
                    "panel": p.panel.name,
                    "name_shown_publicly": p.show_name_publicly,
                    "boards": p.boards,
                    "training": [
                        {"name": t.name, "completed_on": t.completed_on} for t in p.training.all()
                    ],
                    "payments": [
                        {
                            "kind": pay.get_kind_display(),
                            "amount": pay.amount,
                            "owed_on": pay.owed_on,
                            "paid_on": pay.paid_on,
                        }
                        for pay in p.payments.all()
                    ],
                }
                for p in PanelMember.objects.filter(user=user)
                .select_related("panel", "user")
                .prefetch_related("training", "payments")
            ],
            "feedback": [
                {"question": a.question.text, "answer": a.rating_label, "comment": a.text}
                for a in Answer.objects.filter(feedback__member__user=user).select_related(
                    "question"
                )
            ],
        }

    def erase(self, email, user, names):
        """Work records stay (the team's log, panel answers, payments) but no longer say who;
        seats and roles are removed; any free text naming the person is scrubbed. Stories they
        told are deleted with their files (the figures they fed are recounted without them)."""
        changed = 0
        for story in Story.objects.filter(email__iexact=email):
            for name in ("recording", "picture", "scan"):
                if getattr(story, name):
                    getattr(story, name).delete(save=False)
            story.delete()
            changed += 1
        mentions = Q()
        for name in names:
            mentions |= (
                Q(consent_taken_by__icontains=name)
                | Q(consenter_name__icontains=name)
                | Q(text__icontains=name)
                | Q(best_interests_note__icontains=name)
            )
        # accounts' scrub_names may rewrite a story's "Who are you?" words, which the
        # analysis counts by, with an update that no signal sees: renew their counts now.
        StoryCountStamp.renew(
            *Story.objects.filter(_any_of("teller", names))
            .order_by()
            .values_list("inquiry_id", flat=True)
            .distinct()
        )
        scrub = Story.objects.filter(mentions)
        if user is not None:
            scrub = scrub | Story.objects.filter(entered_by=user)
        for story in scrub.distinct():
            for field in ("consent_taken_by", "consenter_name", "text", "best_interests_note"):
                setattr(story, field, replace_names(getattr(story, field), names))
            story.save()
            changed += 1
        change_mentions = Q()
        for name in names:
            change_mentions |= Q(by_label__icontains=name) | Q(note__icontains=name)
        for change in StoryChange.objects.filter(change_mentions):
            label = replace_names(change.by_label, names, "an erased person")
            note = replace_names(change.note, names)
            StoryChange.objects.filter(pk=change.pk).update(by_label=label, note=note)
            changed += 1
        changed += Invitation.objects.filter(email__iexact=email).delete()[0]
        if user is None:
            return changed
        changed += ProgrammeRole.objects.filter(user=user).delete()[0]
        changed += GroupMembership.objects.filter(user=user).delete()[0]
        for note in GroupNote.objects.filter(author=user):
            note.text = replace_names(note.text, names)
            note.save(update_fields=["text"])
            changed += 1
        changed += LocalityMembership.objects.filter(user=user).delete()[0]
        changed += MemberTraining.objects.filter(member__user=user).delete()[0]
        seats = PanelMember.objects.filter(user=user)
        # Payments are the programme's financial record and answers the panel's work, and
        # both need a seat: a seat that has them stays, bare, on the account erased below.
        kept = Q(payments__isnull=False) | Q(feedback__isnull=False)
        changed += seats.exclude(pk__in=seats.filter(kept).values("pk")).delete()[0]
        changed += seats.update(boards="", show_name_publicly=False)
        for entry in ProgressEntry.objects.filter(author=user):
            for field in ("what_we_did", "what_we_learned", "next_steps"):
                setattr(entry, field, replace_names(getattr(entry, field), names))
            entry.save(update_fields=["what_we_did", "what_we_learned", "next_steps"])
            changed += 1
        for revision in EntryRevision.objects.filter(entry__author=user):
            snapshot = replace_in(revision.snapshot, names)
            EntryRevision.objects.filter(pk=revision.pk).update(snapshot=snapshot)
        return changed


def story_record(s) -> dict:
    """A story as its teller may see it: in a person's export, and downloaded through the
    storyteller's private link. The safeguarding lead's written reasoning and
    moderators' notes stay out: they may be about other people (someone the story names as
    causing harm, a worker), so they are given on request once reviewed, not by this export."""
    return {
        "reference": s.reference,
        "inquiry": s.inquiry.title,
        "sent": s.created_at,
        "status": s.get_status_display(),
        "story": s.text,
        "public_version": s.redacted_text if s.status == s.PUBLISHABLE else "",
        "what_made_it_good": s.what_made_it_good,
        "first_name": s.first_name,
        "email": s.email,
        "postal_address": s.postal_address,
        "may_be_quoted": s.consent_quote,
        "first_name_may_be_shown": s.consent_first_name,
        "may_be_used_for_learning": s.consent_learning,
        "who_told_it": s.teller_label,
        "locality": s.locality.title if s.locality_id else "",
        "setting": s.get_setting_display(),
        "feeling": s.get_feeling_display(),
        "strengths": [strength.name for strength in s.strengths.all()],
        "picture_description": s.picture_description,
        "how_collected": s.get_collected_display(),
        "how_consent_was_given": s.get_consent_method_display(),
        "consent_taken_by": s.consent_taken_by,
        "consent_given_on_their_behalf": s.on_behalf,
        "consenter_name": s.consenter_name,
        "consenter_relationship": s.consenter_relationship,
        "safeguarding": s.get_safeguarding_display(),
        "safeguarding_decided_at": s.safeguarding_decided_at,
        "withdrawn_at": s.withdrawn_at,
        "files": [f.name.rsplit("/", 1)[-1] for f in (s.recording, s.picture, s.scan) if f],
        # What changed and when (consent among it); not who changed it or their notes.
        "changes": [
            {"when": c.at, "what": c.what, "from": c.from_label, "to": c.to_label}
            for c in s.changes.all()
        ],
    }


def _any_of(field, names) -> Q:
    """Rows whose ``field`` holds any word of ``names`` (broad: scrub_names also matches
    names written other ways round)."""
    found = Q(pk__in=[])
    for word in {w for name in names for w in name.split() if len(w) >= 3}:
        found |= Q(**{f"{field}__icontains": word})
    return found


def delete_old_withdrawn_stories(cutoff):
    old = Story.objects.filter(status=Story.WITHDRAWN, withdrawn_at__lt=cutoff)
    return ("withdrawn stories deleted", old.delete()[0])
