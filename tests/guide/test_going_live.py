"""The Wagtail admin's other ways to publish a chapter (copying with "publish copies", bulk
publishing, approving in a workflow) make the same checks on its content as its edit form:
a chapter quoting a story that may no longer be quoted does not go live through them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from engagement.models import Story
from guide import going_live
from guide.models import GuideChapterPage, GuidePage
from tests.factories import UserFactory, home_page, make_inquiry, make_locality, make_programme
from tests.factories import make_story as story_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoting():
    """A live chapter quoting a story that was approved, then moved to learning only."""
    inquiry = make_inquiry(make_locality(make_programme()))
    story = story_in(inquiry, status=Story.PUBLISHABLE, redacted="A public version.")
    guide = GuidePage(title="Guide", slug="guide-going-live", introduction="A guide.")
    home_page().add_child(instance=guide)
    guide.save_revision().publish()
    chapter = GuideChapterPage(title="What people said", slug="said", summary="Stories.")
    chapter.body = StreamValue(
        chapter.body.stream_block, [("story_quote", {"story": str(story.pk), "heading": ""})]
    )
    guide.add_child(instance=chapter)
    chapter.save_revision().publish()
    assert going_live.problems(chapter) == []
    Story.objects.filter(pk=story.pk).update(status=Story.LEARNING_ONLY)
    return guide, GuideChapterPage.objects.get(pk=chapter.pk), story


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_check_names_the_story_and_why(quoting):
    _, chapter, story = quoting
    refused = going_live.refusal([chapter])
    assert "“What people said”" in refused
    assert f"Story {story.reference} is not approved for publication" in refused


def test_copying_with_publish_copies_is_refused_and_a_draft_copy_is_allowed(quoting, editor):
    guide, chapter, story = quoting
    url = reverse("wagtailadmin_pages:copy", args=[chapter.pk])
    form = {"new_title": "Copy", "new_slug": "said-copy", "new_parent_page": guide.pk}
    answer = editor.post(url, {**form, "publish_copies": "on"})
    assert answer.status_code == 200  # the form again, on its field, with what was typed
    (error,) = answer.context["form"].errors["publish_copies"]
    assert error.startswith("Nothing was copied.") and story.reference in error
    assert 'value="said-copy"' in answer.content.decode()
    assert 'value="Copy"' in answer.content.decode()
    assert not Page.objects.filter(slug="said-copy").exists()
    editor.post(url, form)
    copy = Page.objects.get(slug="said-copy")
    assert not copy.live
    # A draft's copy stays a draft whatever the box says, so it is not refused.
    url = reverse("wagtailadmin_pages:copy", args=[copy.pk])
    form.update(new_slug="said-copy-2", publish_copies="on")
    editor.post(url, form)
    assert not Page.objects.get(slug="said-copy-2").live


def test_copying_a_guide_with_its_chapters_and_publish_copies_is_refused(quoting, editor):
    guide, _, _ = quoting
    url = reverse("wagtailadmin_pages:copy", args=[guide.pk])
    form = {"new_title": "Guide 2", "new_slug": "guide-2", "new_parent_page": home_page().pk}
    editor.post(url, {**form, "publish_copies": "on", "copy_subpages": "on"})
    assert not Page.objects.filter(slug="guide-2").exists()
    # Without the chapters, the guide page itself may be copied and published.
    editor.post(url, {**form, "publish_copies": "on"})
    assert Page.objects.get(slug="guide-2").live


def test_copying_the_site_with_its_chapters_and_publish_copies_is_refused(quoting, editor):
    """A page outside the guide (the home page, with every page under it) is checked by the
    before_copy_page hook, which has no form to keep."""
    home = home_page()
    url = reverse("wagtailadmin_pages:copy", args=[home.pk])
    form = {"new_title": "Home 2", "new_slug": "home-2", "new_parent_page": home.get_parent().pk}
    answer = editor.post(url, {**form, "publish_copies": "on", "copy_subpages": "on"}, follow=True)
    assert "Nothing was copied." in answer.content.decode()
    assert not Page.objects.filter(slug="home-2").exists()


def test_bulk_publishing_refuses_a_chapter_whose_draft_may_not_go_live(quoting, editor):
    guide, chapter, story = quoting
    chapter.title = "What people said, revised"
    chapter.save_revision()
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={chapter.pk}&next=/admin/pages/{guide.pk}/"
    )
    answer = editor.post(url, {"include_descendants": ""}, follow=True)
    assert "Nothing was published." in answer.content.decode()
    assert GuideChapterPage.objects.get(pk=chapter.pk).title == "What people said"
    # Once the story may be quoted again, the same action publishes the draft.
    Story.objects.filter(pk=story.pk).update(status=Story.PUBLISHABLE)
    editor.post(url, {"include_descendants": ""})
    assert GuideChapterPage.objects.get(pk=chapter.pk).title == "What people said, revised"


def test_bulk_publishing_a_guide_with_draft_chapters_checks_the_chapters(quoting, editor):
    guide, chapter, _ = quoting
    chapter.unpublish()
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={guide.pk}&next=/admin/pages/"
    )
    editor.post(url, {"include_descendants": "on"})
    assert not GuideChapterPage.objects.get(pk=chapter.pk).live


def test_approving_in_a_workflow_refuses_a_chapter_that_may_not_go_live(quoting, editor):
    guide, chapter, story = quoting
    task = GroupApprovalTask.objects.create(name="Check")
    task.groups.set([Group.objects.get_or_create(name="Guide checkers")[0]])
    workflow = Workflow.objects.create(name="Guide sign-off")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=guide, defaults={"workflow": workflow})
    chapter.title = "What people said, for approval"
    chapter.save_revision()
    state = workflow.start(chapter, UserFactory())
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[chapter.pk, "approve", state.current_task_state.pk],
    )
    answer = editor.post(url, {"comment": ""}, follow=True)
    assert "Not approved." in answer.content.decode()
    assert story.reference in answer.content.decode()
    assert GuideChapterPage.objects.get(pk=chapter.pk).title == "What people said"
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    # Once the story may be quoted again, approving publishes the revision.
    Story.objects.filter(pk=story.pk).update(status=Story.PUBLISHABLE)
    editor.post(url, {"comment": ""})
    assert GuideChapterPage.objects.get(pk=chapter.pk).title == "What people said, for approval"


def test_an_alias_of_a_live_chapter_that_may_not_go_live_is_refused(quoting, editor):
    """An alias of a live page is live: made now, or converted into a page of its own."""
    guide, chapter, story = quoting
    url = reverse("wagtailadmin_pages:copy", args=[chapter.pk])
    form = {"new_title": "Alias", "new_slug": "said-alias", "new_parent_page": guide.pk}
    answer = editor.post(url, {**form, "alias": "on"})
    assert "Nothing was copied." in answer.context["form"].errors["alias"][0]
    assert not Page.objects.filter(slug="said-alias").exists()
    # An alias made while the story could be quoted stays an alias.
    Story.objects.filter(pk=story.pk).update(status=Story.PUBLISHABLE)
    editor.post(url, {**form, "alias": "on"})
    alias = Page.objects.get(slug="said-alias")
    assert alias.live and alias.alias_of_id == chapter.pk
    Story.objects.filter(pk=story.pk).update(status=Story.LEARNING_ONLY)
    convert = reverse("wagtailadmin_pages:convert_alias", args=[alias.pk])
    answer = editor.post(convert, follow=True)
    assert "The alias was not converted." in answer.content.decode()
    assert Page.objects.get(pk=alias.pk).alias_of_id == chapter.pk


def test_scheduled_publishing_leaves_a_chapter_that_may_not_go_live(quoting):
    """A revision scheduled while the story could be quoted, due after it was moved: Wagtail's
    publish_scheduled (the project's version of it) takes it off the schedule and says so."""
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    _guide, chapter, story = quoting
    Story.objects.filter(pk=story.pk).update(status=Story.PUBLISHABLE)
    chapter.title = "What people said, scheduled"
    revision = chapter.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    Story.objects.filter(pk=story.pk).update(status=Story.LEARNING_ONLY)
    err = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=err)
    assert "Not published, and taken off the schedule" in err.getvalue()
    assert story.reference in err.getvalue()
    assert GuideChapterPage.objects.get(pk=chapter.pk).title == "What people said"
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    # Another page's scheduled revision still goes live.
    other = GuidePage.objects.get(slug="guide-going-live")
    other.title = "Guide, scheduled"
    due = other.save_revision()
    due.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    due.save()
    from guide.tasks import publish_scheduled_pages  # what the worker runs every 5 minutes

    publish_scheduled_pages.call()
    assert GuidePage.objects.get(pk=other.pk).title == "Guide, scheduled"


@pytest.mark.parametrize(
    "action, body",
    [
        ("copy", {"update_attrs": {"title": "API copy", "slug": "api-copy"}, "keep_live": True}),
        ("create_alias", {"update_slug": "api-alias"}),
        ("publish", {}),
        ("move", {}),
        ("delete", {}),
    ],
)
def test_the_admin_apis_page_actions_are_closed(quoting, editor, action, body):
    """They skip every check the admin's screens make (a chapter that may not go live was
    copied live through them); no screen uses them, and reading the page tree still works."""
    import json

    guide, chapter, _ = quoting
    body = {**body, "destination_page_id": guide.pk} if action != "publish" else body
    answer = editor.post(
        f"/admin/api/main/pages/{chapter.pk}/action/{action}/",
        json.dumps(body),
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert not Page.objects.filter(slug__in=["api-copy", "api-alias"]).exists()
    assert GuideChapterPage.objects.filter(pk=chapter.pk, live=True).exists()
    assert editor.get(f"/admin/api/main/pages/?child_of={guide.pk}").status_code == 200
