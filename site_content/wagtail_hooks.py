"""Admin screens for site-wide records: outgoing email (what is waiting, retrying or failed)
and background tasks (the queue, and what failed)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_scope import pages_in_chooser
from .models import OutgoingEmail


@hooks.register("insert_global_admin_js")
def name_the_admins_unnamed_controls():
    """A few of Wagtail's own controls have no accessible name (site_content/js/admin_labels.js)."""
    return format_html(
        '<script src="{}" defer></script>', static("site_content/js/admin_labels.js")
    )


@hooks.register("construct_page_chooser_queryset")
def list_only_pages_a_person_may_see(pages, request):
    return pages_in_chooser(request.user, pages)


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


class GoLivePanel(Component):
    """Tells superusers on the dashboard what the organisation must still fill in."""

    name = "go_live"
    order = 11

    def __init__(self, missing):
        self.missing = missing

    def render_html(self, parent_context=None):
        from django.utils.html import format_html, format_html_join

        return format_html(
            '<section class="help-block help-warning"><p><strong>Before going live:</strong> '
            "the organisation must still fill in these.</p><ul>{}</ul></section>",
            format_html_join(
                "", '<li><a href="{}">{}</a></li>', ((m.url, m.what) for m in self.missing)
            ),
        )


@hooks.register("construct_homepage_panels")
def add_go_live_panel(request, panels):
    from .readiness import missing_before_live

    if not request.user.is_superuser:
        return
    missing = missing_before_live(request)
    if missing:
        panels.insert(1, GoLivePanel(missing))


@hooks.register("register_admin_urls")
def data_protection_pack_urls():
    from django.urls import path

    from . import admin_views

    return [
        path("data-protection-pack/", admin_views.pack_index, name="site_content_dp_pack"),
        path(
            "data-protection-pack/download.<str:fmt>",
            admin_views.pack_download,
            name="site_content_dp_pack_download",
        ),
    ]


@hooks.register("register_settings_menu_item")
def data_protection_pack_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from .admin_views import may_download_pack

    class PackMenuItem(MenuItem):
        def is_shown(self, request):
            return may_download_pack(request.user)

    return PackMenuItem(
        "Data-protection pack", reverse("site_content_dp_pack"), icon_name="doc-full", order=900
    )


@hooks.register("construct_reports_menu")
def site_history_for_superusers_only(request, menu_items):
    # The site history quotes every logged record's title, across programmes.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("before_create_page")
def offer_the_unfinished_draft(request, parent_page, page_class):
    """Someone who left a half-made page (Wagtail autosaves it as a draft) and starts it again
    is offered that draft, rather than meeting only "this slug is already in use"."""
    from .drafts import offer_unfinished_draft

    offer_unfinished_draft(request, parent_page, page_class)


@hooks.register("construct_homepage_panels")
def add_worker_status_panel(request, panels):
    from .background.admin import worker_status_panel

    panel = worker_status_panel(request)
    if panel:
        panels.insert(0, panel)


@hooks.register("register_admin_urls")
def background_tasks_urls():
    from django.urls import path

    from .background.admin import task_action, tasks_report

    return [
        path("background-tasks/", tasks_report, name="site_content_background_tasks"),
        path(
            "background-tasks/<uuid:task_id>/<str:action>/",
            task_action,
            name="site_content_background_task_action",
        ),
    ]


@hooks.register("register_reports_menu_item")
def background_tasks_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from .background.admin import may_see_tasks

    class TasksMenuItem(MenuItem):
        def is_shown(self, request):
            return may_see_tasks(request.user)

    return TasksMenuItem(
        "Background tasks", reverse("site_content_background_tasks"), icon_name="cog", order=950
    )
