"""CSV downloads. Every export of programme or personal data goes through here, so each one
is recorded in the audit log."""

import csv

from django.http import HttpResponse

from accounts import audit
from accounts.models import AuditEvent


def csv_download(request, *, filename: str, header: list, rows, what: str) -> HttpResponse:
    audit.record(AuditEvent.EXPORT, request=request, detail=what)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Every cell in quotes: a spreadsheet that splits on semicolons (as many set up for other
    # countries do) would otherwise read "Sam;=SUM(...)" as a second cell holding a formula.
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([_safe(value) for value in row] for row in rows)
    return response


def _safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
