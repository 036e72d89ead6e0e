"""What engagement holds about a person, for export and erasure (accounts.rights)."""

import json

from .models import (
    Answer,
    EntryRevision,
    Feedback,
    LocalityMembership,
    PanelMember,
    ProgrammeRole,
    ProgressEntry,
)


class EngagementData:
    def export(self, email, user):
        if user is None:
            return {}
        return {
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
            "panels": [str(p) for p in PanelMember.objects.filter(user=user)],
            "feedback": [
                {"question": a.question.text, "answer": a.get_rating_display(), "comment": a.text}
                for a in Answer.objects.filter(feedback__member__user=user).select_related(
                    "question"
                )
            ],
        }

    def erase(self, email, user, names):
        """Work records stay (the team's log, panel answers) but no longer say who; seats and
        roles are removed; any free text naming the person is scrubbed."""
        if user is None:
            return 0
        changed = 0
        changed += ProgrammeRole.objects.filter(user=user).delete()[0]
        changed += LocalityMembership.objects.filter(user=user).delete()[0]
        for feedback in Feedback.objects.filter(member__user=user):
            changed += 1
            feedback.member.boards = ""
            feedback.member.save(update_fields=["boards"])
        for entry in ProgressEntry.objects.filter(author=user):
            for field in ("what_we_did", "what_we_learned", "next_steps"):
                text = getattr(entry, field)
                for name in names:
                    text = text.replace(name, "[name removed]")
                setattr(entry, field, text)
            entry.save(update_fields=["what_we_did", "what_we_learned", "next_steps"])
            changed += 1
        for revision in EntryRevision.objects.filter(entry__author=user):
            text = json.dumps(revision.snapshot)
            for name in names:
                text = text.replace(name, "[name removed]")
            EntryRevision.objects.filter(pk=revision.pk).update(snapshot=json.loads(text))
        return changed
