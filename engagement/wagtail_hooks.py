"""Wagtail admin: each domain's screens (from its ``admin`` module) under one "Workspaces" menu,
plus the admin pages that belong to no domain: plain English check, audit log, people's data."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from engagement import access
from engagement.core.admin_views import audit_view, people_view, plain_english_view
from engagement.panels import admin as panels_admin
from engagement.stories import admin as story_admin
from engagement.workspace import admin as workspace_admin


class WorkspaceGroup(SnippetViewSetGroup):
    menu_label = "Workspaces"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (*workspace_admin.VIEWSETS, *panels_admin.VIEWSETS, story_admin.SafeguardingTermViewSet)


register_snippet(WorkspaceGroup)


@hooks.register("register_admin_urls")
def register_plain_english_url():
    return [
        path("plain-english/<id:page_id>/", plain_english_view, name="plain_english"),
        path("audit/", audit_view, name="audit_log"),
        path("people/", people_view, name="people_data"),
        path("stories/", include((story_admin.urlpatterns, "story_admin"))),
    ]


@hooks.register("register_admin_viewset")
def register_story_viewset():
    return story_admin.StoryViewSet("story_moderation")


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_any_programme_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_people_menu_item():
    return AuditMenuItem("People's data", reverse("people_data"), icon_name="user", order=901)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem("Audit log", reverse("audit_log"), icon_name="history", order=900)


@hooks.register("register_page_listing_more_buttons")
def plain_english_listing_button(page, user, next_url=None):
    yield Button("Plain English check", reverse("plain_english", args=[page.pk]), priority=55)


@hooks.register("register_page_header_buttons")
def plain_english_header_button(page, user, view_name, next_url=None):
    yield Button(
        "Plain English check",
        reverse("plain_english", args=[page.pk]),
        icon_name="doc-full",
        priority=66,
    )
