"""Invite many people at once from a spreadsheet saved as CSV: one answer per row.

Columns (in any order, any case): email, first name, last name, locality, group, role, lead.
Each row needs an email, a role, and a locality or a group. Rows are done one at a time, each
whole or not at all, so the good rows are done and a bad row changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from engagement import access
from engagement.models import GroupMembership, LocalityMembership, LocalityPage, WorkingGroup
from engagement.people import services

MAX_ROWS = 500
COLUMNS = {
    "email": "email",
    "email address": "email",
    "first name": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "locality": "locality",
    "group": "group",
    "working group": "group",
    "role": "role",
    "lead": "lead",
    "locality lead": "lead",
}
REQUIRED = ("email", "role")
YES = {"yes", "y", "true", "1", "lead", "x"}
NO = {"", "no", "n", "false", "0"}


class UnreadableFile(Exception):
    """The file as a whole cannot be used; nothing has been done."""


@dataclass
class RowResult:
    line: int
    email: str
    name: str
    done: bool
    message: str


def _decode(data: bytes) -> str:
    """Line by line, so a file pasted together from two programs (UTF-8 and Windows) reads."""
    lines = []
    for raw in data.splitlines(keepends=True):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    return "".join(lines).lstrip("\ufeff")


def _header(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").strip().lower().split())


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    # Lines ended the old Mac way (a carriage return alone) are lines too.
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile("The file is empty.")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _rows(csv.reader(io.StringIO(text), dialect))
    except csv.Error as problem:
        raise UnreadableFile(
            "The file could not be read as CSV (a cell may be very long, or a quotation mark "
            "left open). Save it again from your spreadsheet as CSV."
        ) from problem


def _rows(reader) -> list[tuple[int, dict]]:
    names = next(reader)
    headers = [_header(h) for h in names]
    known = {i: COLUMNS[h] for i, h in enumerate(headers) if h in COLUMNS}
    for key in dict.fromkeys(known.values()):
        same = [f"“{names[i].strip()}”" for i, k in known.items() if k == key]
        if len(same) > 1:
            # Which one to believe is the sender's choice, not a guess made here.
            raise UnreadableFile(
                f"The file has {len(same)} columns for the same thing: {' and '.join(same)}. "
                "Keep one of them and upload the file again."
            )
    missing = [c for c in REQUIRED if c not in known.values()]
    if "locality" not in known.values() and "group" not in known.values():
        missing.append("locality or group")
    if missing:
        found = ", ".join(h for h in headers if h) or "none"
        raise UnreadableFile(
            f"The file has no {' and no '.join(missing)} column. The first row must name the "
            f"columns; it names: {found}."
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if any("\n" in c for c in cells):
            # No cell of an invitation runs over two lines: a quotation mark was left open,
            # and the rows after it were read into its cell. Nothing is sent for any row.
            raise UnreadableFile(
                f'Row {line} has a quotation mark (") that is not closed, so the rows after '
                "it were read as part of it. Remove the quotation mark, or close it, and "
                "upload the file again."
            )
        rows.append(
            (line, {key: (cells[i].strip() if i < len(cells) else "") for i, key in known.items()})
        )
        if len(rows) > MAX_ROWS:
            raise UnreadableFile(f"The file has more than {MAX_ROWS} people; split it in two.")
    if not rows:
        raise UnreadableFile("The file names its columns but has no one in it.")
    return rows


def _match(choices, value: str) -> str | None:
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (code.lower(), label.lower()):
            return code
    return None


def _place(by, programme, row):
    if row.get("group") and row.get("locality"):
        raise services.Refused("Give a locality or a group for each person, not both.")
    if row.get("group"):
        group = WorkingGroup.objects.filter(programme=programme, name__iexact=row["group"]).first()
        # A group the person may not invite into gets the same answer as one that does not
        # exist, so the file cannot be used to find out other groups' names.
        if group is None or not access.can_view_group(by, group):
            raise services.Refused(
                f"There is no group called “{row['group']}” that you can invite people to."
            )
        return group
    name = row.get("locality", "")
    if not name:
        raise services.Refused("Say which locality or group to invite them to.")
    locality = (
        LocalityPage.objects.filter(programme_id=programme.pk).filter(title__iexact=name).first()
        or LocalityPage.objects.filter(programme_id=programme.pk, slug__iexact=name).first()
    )
    if locality is None:
        raise services.Refused(f"There is no locality called “{name}” in the programme.")
    return locality


def _one(by, programme, line, row, days) -> RowResult:
    email = row.get("email", "")
    name = f"{row.get('first_name', '')} {row.get('last_name', '')}".strip()
    try:
        if not email:
            raise services.Refused("The email address is missing.")
        try:
            validate_email(email)
        except ValidationError as exc:
            raise services.Refused(f"“{email}” is not an email address.") from exc
        place = _place(by, programme, row)
        choices = (
            GroupMembership.ROLE_CHOICES
            if isinstance(place, WorkingGroup)
            else LocalityMembership.ROLE_CHOICES
        )
        lead = row.get("lead", "").strip().lower()
        if lead not in YES | NO:
            raise services.Refused(f"Put yes or no in the lead column, not “{row['lead']}”.")
        if lead in YES and isinstance(place, WorkingGroup):
            raise services.Refused("Groups have conveners, not leads: put Convener as the role.")
        role = _match(choices, row.get("role", ""))
        if role is None:
            names = ", ".join(label for _code, label in choices)
            raise services.Refused(f"“{row.get('role', '')}” is not a role here. Use: {names}.")
        _invitation, note = services.invite(
            by=by,
            place=place,
            email=email,
            role=role,
            first_name=row.get("first_name", ""),
            last_name=row.get("last_name", ""),
            is_lead=lead in YES,
            days=days,
        )
        where = place.name if isinstance(place, WorkingGroup) else place.title
        label = dict(choices)[role].lower() + (", as lead" if lead in YES else "")
        return RowResult(line, email, name, True, f"{note} To {where}, {label}.")
    except services.Refused as refusal:
        return RowResult(line, email, name, False, str(refusal))


def invite_from_csv(*, by, programme, data: bytes, days: int | None = None) -> list[RowResult]:
    """Raises UnreadableFile when the file as a whole cannot be read."""
    return [_one(by, programme, line, row, days) for line, row in read_rows(data)]
