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


def readable_text(data: dict, *, title: str) -> str:
    """A record (what a person's export holds) as text anyone can open and read: each item
    on its own line with its name in words, yes or no for a tick, dates as people write them,
    lists one to a line, and "nothing" where nothing is held."""
    lines = [title, "=" * len(title), ""]
    _readable(data, lines, indent="")
    return "\n".join(lines).rstrip() + "\n"


def _said(value) -> str:
    import datetime

    from django.utils import timezone

    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None or value == "":
        return "nothing"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%-d %B %Y at %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _readable(data: dict, lines: list[str], *, indent: str) -> None:
    for key, value in data.items():
        name = key.replace("_", " ").capitalize()
        if isinstance(value, dict):
            lines.append(f"{indent}{name}:")
            _readable(value, lines, indent=indent + "    ")
        elif isinstance(value, list):
            lines.append(f"{indent}{name}:{'' if value else ' nothing'}")
            for item in value:
                if isinstance(item, dict):
                    lines.append(f"{indent}  -")
                    _readable(item, lines, indent=indent + "    ")
                else:
                    lines.append(f"{indent}  - {_said(item)}")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{indent}{name}:")
            lines.extend(f"{indent}    {line}" for line in value.splitlines())
        else:
            lines.append(f"{indent}{name}: {_said(value)}")
