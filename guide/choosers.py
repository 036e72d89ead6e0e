"""The story chooser for a chapter's quote: search every story the editor may quote (approved
for publication, teller agreed to be quoted, in a programme they moderate for), by words of
its public version or its reference. Only the public version is shown."""

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from engagement import access
from site_content.fields import id_from_query, ids_from_query


def story_label(story) -> str:
    """The story's reference and the start of its public version, which only a story that
    may be published has: any other is named by its reference alone, so an editor who may
    quote it never reads a version that was held back or declined."""
    from engagement.models import Story

    if not Story.objects.publishable().filter(pk=story.pk).exists():
        return f"{story.reference}: not approved for publication, so it will not be shown"
    return _public_label(story)


def _public_label(story) -> str:
    return f"{story.reference}: {story.redacted_text[:90]}"


class StorySearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Search stories",
        required=False,
        help_text="Words from the story's public version, or its reference.",
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            by_words = Q(redacted_text__icontains=query)
            number = id_from_query(query.upper().removeprefix("S"))
            if number:  # a reference such as S00042
                by_words |= Q(pk=number)
            objects = objects.filter(by_words)
        return super().filter(objects)


class QuotableMixin:
    filter_form_class = StorySearchForm

    def get_object_list(self):
        return access.quotable_stories(self.request.user).select_related("inquiry").order_by("-pk")

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Story",
                accessor=_public_label,  # the list holds only stories that may be quoted
                get_url=lambda story: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(quote(story.pk),))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("inquiry", label="Inquiry", accessor=lambda s: s.inquiry.title),
        ]


class StoryChooseView(QuotableMixin, ChooseView):
    pass


class StoryChooseResultsView(QuotableMixin, ChooseResultsView):
    pass


class StoryChosenView(ChosenView):
    def get_object(self, pk):
        pk = id_from_query(pk)
        found = access.quotable_stories(self.request.user).filter(pk=pk).first() if pk else None
        if found is None:
            raise Http404("No such story to quote")
        return found

    def get_display_title(self, instance):
        return story_label(instance)


class StoryChosenMultipleView(ChosenMultipleView):
    """Several stories by number (no screen asks for this): only those the editor may quote."""

    def get_objects(self, pks):
        return access.quotable_stories(self.request.user).filter(pk__in=ids_from_query(pks))

    def get_display_title(self, instance):
        return _public_label(instance)


class StoryChooser(BaseChooser):
    def get_display_title(self, instance):
        return story_label(instance)


class StoryChooserViewSet(ChooserViewSet):
    model = "engagement.Story"
    icon = "openquote"
    choose_one_text = "Choose a story to quote"
    choose_another_text = "Choose another story"
    page_title = "Choose a story to quote"
    per_page = 20
    base_widget_class = StoryChooser
    choose_view_class = StoryChooseView
    choose_results_view_class = StoryChooseResultsView
    chosen_view_class = StoryChosenView
    chosen_multiple_view_class = StoryChosenMultipleView
    form_fields = None  # stories are told by people, never made here


story_chooser_viewset = StoryChooserViewSet("story_quote_chooser", url_prefix="quote-a-story")


def _pk(value):
    """Quotes saved before the chooser stored the story's number as text."""
    if isinstance(value, str):
        return id_from_query(value) or value
    return value


_ChooserBlock = story_chooser_viewset.get_block_class(
    name="_StoryChooserBlock", module_path="guide.choosers"
)


class StoryChooserBlock(_ChooserBlock):
    def to_python(self, value):
        return super().to_python(_pk(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([_pk(v) for v in values])

    def get_prep_value(self, value):
        if isinstance(value, (int, str)):  # a story's number, as code may give it
            return _pk(value)
        return super().get_prep_value(value)


# --- A working group's closing report ---------------------------------------------------


def group_label(group) -> str:
    return f"{group.name} ({group.programme.title}), closed {group.closed_on:%-d %B %Y}"


class ReportableMixin:
    def get_object_list(self):
        return access.reportable_groups(self.request.user).select_related("programme")

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Group",
                accessor=group_label,
                get_url=lambda group: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(quote(group.pk),))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
        ]


class GroupChooseView(ReportableMixin, ChooseView):
    pass


class GroupChooseResultsView(ReportableMixin, ChooseResultsView):
    pass


class GroupChosenView(ChosenView):
    def get_object(self, pk):
        pk = id_from_query(pk)
        found = access.reportable_groups(self.request.user).filter(pk=pk).first() if pk else None
        if found is None:
            raise Http404("No such group report")
        return found

    def get_display_title(self, instance):
        return group_label(instance)


class GroupChosenMultipleView(ChosenMultipleView):
    """Several groups by number (no screen asks for this): only reports the editor may use."""

    def get_objects(self, pks):
        reportable = access.reportable_groups(self.request.user).select_related("programme")
        return reportable.filter(pk__in=ids_from_query(pks))

    def get_display_title(self, instance):
        return group_label(instance)


class GroupChooser(BaseChooser):
    def get_display_title(self, instance):
        return group_label(instance)


class GroupReportChooserViewSet(ChooserViewSet):
    model = "engagement.WorkingGroup"
    icon = "group"
    choose_one_text = "Choose a group's closing report"
    choose_another_text = "Choose another group"
    page_title = "Choose a group's closing report"
    per_page = 20
    base_widget_class = GroupChooser
    choose_view_class = GroupChooseView
    choose_results_view_class = GroupChooseResultsView
    chosen_view_class = GroupChosenView
    chosen_multiple_view_class = GroupChosenMultipleView
    form_fields = None  # groups are run in their workspace, never made here
    # Only for the report block: an event's "meeting of the group" must not get this chooser,
    # which lists closed groups' reports and cannot show an open group.
    register_widget = False


group_report_chooser_viewset = GroupReportChooserViewSet(
    "group_report_chooser", url_prefix="choose-a-group-report"
)
GroupReportChooserBlock = group_report_chooser_viewset.get_block_class(
    name="GroupReportChooserBlock", module_path="guide.choosers"
)
