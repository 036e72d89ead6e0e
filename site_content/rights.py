"""What site_content holds about a person (queued and sent email), for accounts.rights."""

import re

from django.db.models import Q

from accounts.scrub import replace_names

from .models import OutgoingEmail


def sent_to(email) -> Q:
    """Emails with this address among their recipients: the whole address, not one that
    merely ends with it ("1@example.net" is not "victim1@example.net")."""
    return Q(to__iregex=rf"(^|,)\s*{re.escape(email.strip())}\s*(,|$)")


# Links in an email may be keys (a storyteller's private link, a booking's link): whoever
# downloads the export for the person must not be able to use them.
LINK = re.compile(r"https?://\S+")


class OutgoingEmailData:
    def export(self, email, user):
        return [
            {
                "to": e.to,
                "subject": e.subject,
                "status": e.get_status_display(),
                "written": e.created_at,
                "sent": e.sent_at,
                "body": LINK.sub("[link removed]", e.body),
            }
            for e in OutgoingEmail.objects.filter(sent_to(email))
        ]

    def erase(self, email, user, names):
        changed = OutgoingEmail.objects.filter(sent_to(email)).delete()[0]
        for message in OutgoingEmail.objects.all().only("pk", "body", "subject"):
            body = replace_names(message.body, names)
            if body != message.body:
                OutgoingEmail.objects.filter(pk=message.pk).update(body=body)
                changed += 1
        return changed


def delete_old_sent_email(cutoff):
    done = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.SENT, OutgoingEmail.FAILED], created_at__lt=cutoff
    )
    return ("sent or failed emails deleted", done.delete()[0])
