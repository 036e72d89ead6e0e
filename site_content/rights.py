"""What site_content holds about a person (queued and sent email), for accounts.rights."""

import re

from .models import OutgoingEmail


class OutgoingEmailData:
    def export(self, email, user):
        return [
            {"to": e.to, "subject": e.subject, "status": e.get_status_display()}
            for e in OutgoingEmail.objects.filter(to__icontains=email)
        ]

    def erase(self, email, user, names):
        changed = OutgoingEmail.objects.filter(to__icontains=email).delete()[0]
        for message in OutgoingEmail.objects.all().only("pk", "body", "subject"):
            body = message.body
            for name in names:
                body = re.sub(re.escape(name), "[name removed]", body, flags=re.IGNORECASE)
            if body != message.body:
                OutgoingEmail.objects.filter(pk=message.pk).update(body=body)
                changed += 1
        return changed


def delete_old_sent_email(cutoff):
    done = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.SENT, OutgoingEmail.FAILED], created_at__lt=cutoff
    )
    return ("sent or failed emails deleted", done.delete()[0])
