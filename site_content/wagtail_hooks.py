"""Admin screens for site-wide records: outgoing email (what is waiting, retrying or failed)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import OutgoingEmail


class AdminsMayLook(ModelPermissionPolicy):
    """Superusers may look (addresses are personal data); nobody edits or deletes here. The
    message bodies, which hold storytellers' private links, are never shown."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = "Outgoing email"
    add_to_admin_menu = True
    menu_order = 950
    list_display = ["subject", "to", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]


register_permission_policy(OutgoingEmail, AdminsMayLook(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email():
    return OutgoingEmailViewSet("outgoing_email")


class ScannerPanel(Component):
    """Says plainly on the admin dashboard whether uploads are virus-scanned."""

    name = "upload_scanner"
    order = 10

    def render_html(self, parent_context=None):
        from django.utils.html import format_html
        from django.utils.safestring import mark_safe

        from .uploads import scanner_command

        command = scanner_command()
        if command:
            return format_html(
                '<section class="help-block help-info"><p>Uploads are checked by type and '
                "size, and scanned for viruses by {}.</p></section>",
                command[0],
            )
        return mark_safe(  # noqa: S308 - fixed text, nothing from outside
            '<section class="help-block help-warning"><p><strong>No virus scanner is '
            "running.</strong> Uploads are checked by type, content and size only. Install "
            "ClamAV (with its signatures) or set UPLOAD_SCANNER_COMMAND.</p></section>"
        )


@hooks.register("construct_homepage_panels")
def add_scanner_panel(request, panels):
    panels.insert(0, ScannerPanel())


class SecurityContactPanel(Component):
    """Tells superusers on the dashboard what the security contact still lacks."""

    name = "security_contact"
    order = 11

    def __init__(self, problems):
        self.problems = problems

    def render_html(self, parent_context=None):
        from django.urls import reverse
        from django.utils.html import format_html, format_html_join

        return format_html(
            '<section class="help-block help-warning"><p><strong>Before going live:</strong> '
            "/.well-known/security.txt is not published because {}. Set it in "
            '<a href="{}">Settings, Security contact</a>.</p></section>',
            format_html_join("; ", "{}", ((p,) for p in self.problems)),
            reverse("wagtailsettings:edit", args=["site_content", "securitycontact"]),
        )


@hooks.register("construct_homepage_panels")
def add_security_contact_panel(request, panels):
    from django.utils import timezone

    from .models import SecurityContact

    if not request.user.is_superuser:
        return
    problems = SecurityContact.load(request_or_site=request).problems(timezone.localdate())
    if problems:
        panels.insert(1, SecurityContactPanel(problems))


@hooks.register("construct_reports_menu")
def site_history_for_superusers_only(request, menu_items):
    # The site history quotes every logged record's title, across programmes.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
