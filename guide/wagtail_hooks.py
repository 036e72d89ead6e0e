"""Wagtail admin: practice examples, themes, glossary, links, and the Publish guide screen."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from engagement import access
from site_content.admin_scope import ScopedViewSetMixin

from . import going_live, permissions
from .admin_views import ChapterPageViewSet, publish_index, publish_view
from .choosers import group_report_chooser_viewset, story_chooser_viewset
from .forms_admin import PracticeExampleAdminForm
from .models import GlossaryTerm, PracticeExample, Theme, UsefulLink


class PracticeExampleViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = PracticeExample
    scope = access.ProgrammeScope("guide__programme")
    icon = "doc-full"
    menu_label = "Practice examples"
    list_select_related = ("guide", "theme", "locality")
    list_display = ["title", "guide", "theme", "order", "locality", "publish_contacts"]
    list_filter = ["guide", "theme", "publish_contacts"]
    search_fields = ["title", "approach", "outcomes"]
    ordering = ["theme__position", "order", "key"]
    panels = [
        FieldPanel("guide"),
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("theme"),
        FieldPanel("order"),
        FieldPanel("organisations"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("further_information"),
        FieldPanel("links"),
        FieldPanel("contacts"),
        FieldPanel("publish_contacts"),
        HelpPanel(template="guide/admin/flag_history.html"),
        FieldPanel("tags"),
        FieldPanel("locality"),
    ]
    edit_handler = ObjectList(panels, base_form_class=PracticeExampleAdminForm)


# A guide's content belongs to the guide's programme: a programme's admins reach their own
# guides' examples, themes, terms and links; an organisation's guide (no programme) is edited
# by superusers.
class ThemeViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Theme
    scope = access.ProgrammeScope("guide__programme")
    icon = "folder-inverse"
    menu_label = "Themes"
    list_select_related = ("guide",)
    list_display = ["name", "guide", "position"]
    list_filter = ["guide"]
    panels = [
        FieldPanel("guide"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("position"),
        FieldPanel("description"),
    ]


class GlossaryViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = GlossaryTerm
    scope = access.ProgrammeScope("guide__programme")
    icon = "openquote"
    menu_label = "Terms and abbreviations"
    list_select_related = ("guide",)
    list_display = ["term", "abbreviation", "guide"]
    list_filter = ["guide"]
    panels = [
        FieldPanel("guide"),
        FieldPanel("term"),
        FieldPanel("abbreviation"),
        FieldPanel("definition"),
    ]
    search_fields = ["term", "abbreviation", "definition"]


class LinkViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = UsefulLink
    scope = access.ProgrammeScope("guide__programme")
    icon = "link"
    menu_label = "Useful websites"
    list_select_related = ("guide",)
    list_display = ["title", "url", "guide"]
    list_filter = ["guide"]
    panels = [
        FieldPanel("guide"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]


class GuideGroup(SnippetViewSetGroup):
    menu_label = "Guide"
    menu_icon = "doc-full-inverse"
    menu_order = 210
    items = (PracticeExampleViewSet, ThemeViewSet, GlossaryViewSet, LinkViewSet)


register_snippet(GuideGroup)


@hooks.register("register_admin_urls")
def register_publish_url():
    return [
        path("guide/publish/", publish_index, name="guide_publish_index"),
        path("guide/publish/<id:guide_id>/", publish_view, name="guide_publish"),
    ]


class PublishMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_see_publish_menu(request.user)


@hooks.register("register_admin_menu_item")
def register_publish_menu_item():
    return PublishMenuItem(
        "Publish guide", reverse("guide_publish_index"), icon_name="upload", order=220
    )


@hooks.register("register_admin_viewset")
def register_story_chooser():
    return story_chooser_viewset


@hooks.register("register_admin_viewset")
def register_group_report_chooser():
    return group_report_chooser_viewset


# The edit form checks a chapter's quotes and learning before it goes live; these are the
# admin's other ways to publish.
@hooks.register("register_admin_viewset")
def register_chapter_page_views():
    return ChapterPageViewSet("guide_chapter_pages")


@hooks.register("before_copy_page")
def refuse_publishing_a_copy_that_may_not_go_live(request, page):
    """Pages other than the guide's own (whose copy form checks, keeping what was typed):
    a site page copied with its subpages may carry chapters."""
    if request.method != "POST":
        return None
    if issubclass(
        getattr(page.specific_class, "copy_form_class", object), going_live.CheckedCopyForm
    ):
        return None
    if refused := going_live.copy_refusal(page, request.POST):
        messages.error(request, going_live.COPY_REFUSED.format(refused=refused))
        return redirect(request.get_full_path())
    return None


@hooks.register("before_convert_alias_page")
def refuse_converting_an_alias_that_may_not_go_live(request, page):
    if refused := going_live.convert_alias_refusal(request, page):
        messages.error(request, f"The alias was not converted. {refused}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_what_may_not_go_live(request, action_type, objects, action):
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    include = action.cleaned_form.cleaned_data.get("include_descendants", False)
    if refused := going_live.bulk_publish_refusal(objects, include):
        messages.error(request, f"Nothing was published. {refused}")
        return redirect(action.next_url)
    return None
