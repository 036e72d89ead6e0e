"""The data-protection pack: a document an information-governance officer can start a
data-protection impact assessment (DPIA) and a record of processing from. It is written from
the same facts as the privacy notice (site_content.privacy), the settings and the
organisation's data protection details, when it is downloaded, so it never drifts from them.
Written for specialists, so it is exempt from the plain-English check."""

from __future__ import annotations

import markdown
from django.conf import settings
from django.utils import timezone
from markdown.extensions import Extension

from .privacy import records

NOT_PROVIDED = "**Not yet provided** (fill it in under Settings, Data protection details)"

# Risks that are not about one kind of record.
SITE_RISKS = [
    (
        "Someone gets into the server or a backup.",
        "Passwords are stored only as salted hashes. Backups are readable by their owner "
        "only (folders 0700, files 0600); each is signed with a key only the site has and "
        "checked against its signature and checksums before a restore, so a changed backup "
        "is refused. "
        "Staff accounts need a second sign-in step.",
    ),
    (
        "A member of staff reads more than their role needs.",
        "Access rules give each role only its programme and locality, and the field by role "
        "table limits who reads storytellers' details. Important actions go to the audit log.",
    ),
    (
        "Personal data is kept longer than needed.",
        "Retention periods are settings, checked at start, and applied by "
        "`manage.py apply_retention` (run it daily).",
    ),
    (
        "A person asks for their data, or to be erased.",
        "Staff export everything held about a person, or erase them everywhere (including "
        "page revisions and the search index), from the admin.",
    ),
    (
        "A file uploaded with a story or a log entry carries malware.",
        "Uploads are checked by type, content and size, and by a virus scanner when one is "
        "installed. Private files are served only through the permission checks.",
    ),
]


def _cell(text: str) -> str:
    """One table cell, on one line."""
    lines = [" ".join(line.split()) for line in str(text).splitlines() if line.strip()]
    return "; ".join(lines).replace("\\", "\\\\").replace("|", "\\|")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _given(value: str) -> str:
    return value if value and value.strip() else NOT_PROVIDED  # _table makes it one cell


def _email_route() -> str:
    backend = settings.EMAIL_DELIVERY_BACKEND  # what the queue hands each email to
    if "smtp" in backend.lower():
        return (
            f"Sent through the mail server {settings.EMAIL_HOST} (a processor: name its operator)."
        )
    if "console" in backend.lower():
        return "Written to the server log, not sent (EMAIL_TO_LOG, or development settings)."
    return f"Queued in the database and delivered by {backend}."


def _storage() -> list[str]:
    found = []
    for name, config in settings.STORAGES.items():
        if name == "staticfiles":
            continue
        backend = config.get("BACKEND", "")
        where = config.get("OPTIONS", {}).get("location") or (
            settings.MEDIA_ROOT if name == "default" else ""
        )
        found.append(f"`{name}` files: {backend}" + (f", at {where}" if where else ""))
    return found


def _scanner() -> str:
    from .uploads import scanner_command

    command = scanner_command()
    if command:
        return f"Uploads are scanned for viruses by `{' '.join(command)}`."
    return (
        "No virus scanner is running: uploads are checked by type, content and size only. "
        "Install ClamAV or set UPLOAD_SCANNER_COMMAND."
    )


def pack_markdown(request_or_site=None) -> str:
    from .models import DataProtectionDetails

    details = DataProtectionDetails.load(request_or_site=request_or_site)
    today = timezone.localdate()
    out = [
        "# Data-protection pack",
        "",
        f"Written by the platform on {today:%-d %B %Y} from its settings, its access rules "
        "and the organisation's data protection details. Use it to start a data-protection "
        "impact assessment (DPIA) and your record of processing activities (UK GDPR "
        "Article 30). Check each section against how you run the platform; download it "
        "again after any change.",
        "",
        "## 1. The organisation",
        "",
    ]
    out += _table(
        ["", ""],
        [
            ["Controller", _given(details.organisation_name)],
            ["Contact for data protection", _given(details.contact)],
            ["Data protection officer", _given(details.dpo)],
            ["Lawful basis (Article 6)", _given(details.lawful_basis)],
            [
                "Condition for special category data (Article 9)",
                _given(details.special_category_condition),
            ],
            ["Processors named by the organisation", _given(details.processors)],
        ],
    )
    out += ["## 2. What is recorded, why, and who can read it", ""]
    for record in records():
        out += [f"### {record.title}", "", f"**Who gives it:** {record.who_gives}", ""]
        out += [f"**Purpose:** {record.why}", ""]
        out += _table(
            ["Data", "Special category", "Who can read it"],
            [
                [p.what, "Yes" if p.special else "No", "; ".join(p.who_reads()) or "No one"]
                for p in record.parts
            ],
        )
        out += [f"**Published:** {record.published}", ""]
        out += ["**Retention:**", ""] + [f"- {line}" for line in record.kept()] + [""]
        out += ["**Rights:**", ""] + [f"- {line}" for line in record.rights] + [""]
    out += [
        "## 3. Data flows",
        "",
        "Stories go from the form to moderation, then analysis, then (only with consent and "
        "through the publication check) the guide. Each kind of record:",
        "",
    ]
    for record in records():
        out += [f"### {record.title}", ""]
        out += [f"{n}. {step}" for n, step in enumerate(record.flow, start=1)] + [""]
    out += ["## 4. Special category data", ""]
    special = [(r.title, p.what) for r in records() for p in r.special]
    out += [f"- {title}: {what}" for title, what in special] + [""]
    out += ["## 5. Retention settings", ""]
    out += _table(
        ["What", "Days", "Environment variable"],
        [
            [what, str(settings.RETENTION_DAYS[key]), f"`{name}`"]
            for key, (name, _default, what) in settings.RETENTION_ENV.items()
        ],
    )
    out += [
        f"A storyteller's private link works for {settings.STORY_LINK_DAYS} days "
        "(`STORY_LINK_DAYS`). Stories, feedback and progress logs have no fixed period: "
        "they are kept while the programme uses them and removed on request.",
        "",
        "## 6. Processors and where data is kept",
        "",
        f"- Email: {_email_route()}",
        *[f"- Storage: {line}" for line in _storage()],
        f"- Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}",
        f"- Virus scanning: {_scanner()}",
        "",
        "## 7. Security measures in place",
        "",
        "- Second sign-in step: "
        + (
            "required for staff (authenticator app and recovery codes)."
            if getattr(settings, "MFA_REQUIRED_FOR_STAFF", False)
            else "**not required for staff in these settings**."
        ),
        "- Rate limits: "
        + "; ".join(f"{k} {v}" for k, v in sorted(settings.ACCOUNT_RATE_LIMITS.items()))
        + ".",
        "- Content Security Policy: "
        + "; ".join(f"{k} {v}" for k, v in settings.CONTENT_SECURITY_POLICY.items())
        + ".",
        "- Audit log, each entry with its time and network address: sign-ins, failed "
        "sign-ins (with the address typed), role changes, storytellers' consent changes and "
        "withdrawals, moderation and safeguarding decisions, CSV downloads, exports and "
        f"erasures; kept {settings.RETENTION_DAYS['audit_log']} days.",
        f"- Sessions end after {settings.SESSION_COOKIE_AGE // 60} minutes without use.",
        "- HTTPS only, with HSTS, in the production settings."
        if getattr(settings, "SECURE_SSL_REDIRECT", False)
        else "- HTTPS: **not enforced in these settings** (the production settings enforce it).",
        "- Backups: `manage.py backup` and `manage.py restore`, owner-only permissions, "
        "checksums and a signature made with the site's secret key.",
        "- A security contact at /.well-known/security.txt and a disclosure page at /security/.",
        "",
        "## 8. Risks and mitigations",
        "",
    ]
    rows = [[r.title, risk, fix] for r in records() for risk, fix in r.risks]
    rows += [["Whole site", risk, fix] for risk, fix in SITE_RISKS]
    out += _table(["Where", "Risk", "Mitigation"], rows)
    out += [
        "## 9. What only the organisation can add",
        "",
        "- Where the servers and backups are, and the contracts with each processor.",
        "- How long backups and the web server's access logs are kept (the platform does not "
        "delete them: they hold what retention and erasure remove from the database).",
        "- The DPIA's consultation, sign-off and review date.",
        "- Any local use of the data beyond what the platform does.",
        "",
    ]
    return "\n".join(out)


PAGE_STYLE = (
    "body{font-family:sans-serif;font-size:11pt;line-height:1.4;margin:2cm;color:#0b0c0c}"
    "table{border-collapse:collapse;width:100%;margin:0 0 1em}"
    "th,td{border:1px solid #b1b4b6;padding:4px 6px;text-align:left;vertical-align:top}"
    "h2{margin-top:1.5em}code{font-size:10pt}"
)


class _TextOnly(Extension):
    """What is typed into the admin's fields stays text: no HTML, and no links or pictures,
    so printing the pack fetches nothing from anywhere (the pack itself has none)."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.parser.blockprocessors.deregister("reference")
        for name in (
            "html",
            "reference",
            "link",
            "image_link",
            "image_reference",
            "short_reference",
            "short_image_ref",
            "autolink",
            "automail",
        ):
            md.inlinePatterns.deregister(name)


def pack_html(text: str) -> str:
    body = markdown.markdown(text, extensions=["tables", _TextOnly()])
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Data-protection pack</title><style>{PAGE_STYLE}</style>"
        f"</head><body>{body}</body></html>"
    )
