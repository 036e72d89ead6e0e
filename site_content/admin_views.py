"""Admin screens for the organisation's part of data protection: the data-protection pack."""

from __future__ import annotations

import subprocess

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from .dp_pack import pack_html, pack_markdown
from .pdf import PdfError, html_to_pdf
from .readiness import missing_before_live


def may_download_pack(user) -> bool:
    """Those who may edit the data protection details (superusers, or a group given it)."""
    return bool(
        user.is_active
        and (user.is_superuser or user.has_perm("site_content.change_dataprotectiondetails"))
    )


def _check(request):
    if not may_download_pack(request.user):
        raise PermissionDenied


def pack_index(request):
    _check(request)
    return TemplateResponse(
        request,
        "site_content/admin/dp_pack.html",
        {"missing": missing_before_live(request)},
    )


def pack_download(request, fmt):
    _check(request)
    if fmt not in ("md", "pdf"):
        raise Http404
    text = pack_markdown(request)
    name = f"data-protection-pack-{timezone.localdate():%Y-%m-%d}"
    if fmt == "md":
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    else:
        try:
            pdf = html_to_pdf(pack_html(text))
        except (FileNotFoundError, PdfError, subprocess.SubprocessError) as exc:
            reason = "Chromium is not installed" if isinstance(exc, FileNotFoundError) else exc
            messages.error(
                request,
                f"The PDF could not be made ({reason}). The Markdown version has the same content.",
            )
            return redirect("site_content_dp_pack")
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
