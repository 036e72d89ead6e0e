"""The background worker (issue #16): tasks on the database backend, run by
`manage.py run_worker` (here in its batch mode, in-process); retries with back-off; periodic
tasks enqueued once however many hosts ask; and what the admin shows of the queue."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from site_content.background.periodic import enqueue_due, registered
from site_content.background.retry import retrying_task
from site_content.background.status import delete_old_results, needs_staff, queue_state
from site_content.models import OutgoingEmail, PeriodicRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@retrying_task(max_attempts=3)
def always_fails(label: str) -> str:
    raise ConnectionRefusedError(f"nobody answers for {label}")


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def on_worker(settings):
    settings.TASKS = DB_BACKEND
    return settings


def run_worker():
    # The worker closes stale connections between tasks; the test's one holds its transaction
    # (Django's test client skips the same step for requests).
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("run_worker", batch=True, no_periodic=True, verbosity=0)


def waiting():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def time_passes():
    """Everything deferred becomes due (as if its back-off had passed)."""
    waiting().exclude(run_after__gt=timezone.now() + datetime.timedelta(days=3650)).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_failing_task_is_retried_with_back_off_and_shown_after_its_last_try(on_worker, client):
    always_fails.enqueue("the address book")
    gaps = []
    for _ in range(3):
        before = timezone.now()
        run_worker()
        retry = waiting().first()
        if retry:
            gaps.append(round((retry.run_after - before).total_seconds() / 60))
            assert retry.args_kwargs["kwargs"]["attempt"] == len(gaps) + 1
            run_worker()  # not due yet: nothing runs
            assert waiting().get() == retry
            time_passes()
    assert gaps == [1, 2]  # minutes: 1, then 2 (then 4, 8 ... for a longer run)
    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    assert not waiting().exists()

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    report = client.get("/admin/background-tasks/").content.decode()
    assert "test_worker.always_fails" in report
    assert "ConnectionRefusedError: nobody answers for the address book" in report
    dashboard = client.get("/admin/").content.decode()
    assert "1 background task failed" in dashboard


def test_email_is_retried_on_the_worker_and_its_last_failure_shown(
    on_worker, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "site_content.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "tests.site_content.test_worker.BrokenBackend"
    settings.EMAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        mail.EmailMessage("Your place", "See you there", to=["a@example.net"]).send()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.QUEUED and waiting().count() == 1  # for the worker
    run_worker()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.RETRYING and email.attempts == 1
    assert waiting().get().run_after == email.next_attempt_at
    time_passes()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    run_worker()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.FAILED and email.attempts == 2
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "not sent after 2 tries" in failed.traceback and "mail server down" in failed.traceback


def test_periodic_tasks_are_enqueued_once_when_due_whoever_asks(on_worker):
    names = {p.name for p in registered()}
    assert {
        "events.tasks.expire_event_offers",
        "guide.tasks.publish_scheduled_pages",
        "site_content.tasks.apply_retention_periods",
        "site_content.tasks.send_waiting_email",
        "site_content.tasks.delete_old_task_results",
    } <= names
    now = timezone.now()
    assert set(enqueue_due(now)) == names  # the first time: all of them
    assert enqueue_due(now) == []  # a second host, at the same moment: none
    assert enqueue_due(now + datetime.timedelta(minutes=1)) == []
    five = set(enqueue_due(now + datetime.timedelta(minutes=5)))
    assert five == {
        "events.tasks.expire_event_offers",
        "guide.tasks.publish_scheduled_pages",
        "site_content.tasks.send_waiting_email",
    }
    assert waiting().count() == len(names) + 3
    run_worker()
    assert not waiting().exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    run = PeriodicRun.objects.get(name="site_content.tasks.apply_retention_periods")
    assert run.last_enqueued_at == now and run.next_due_at == now + datetime.timedelta(days=1)


def test_the_admin_says_when_the_worker_seems_down(on_worker, client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    always_fails.enqueue("a")
    assert "worker may be down" not in client.get("/admin/").content.decode()
    always_fails.enqueue("b")
    waiting().update(enqueued_at=timezone.now() - datetime.timedelta(minutes=12))
    dashboard = client.get("/admin/").content.decode()
    assert "The background worker may be down." in dashboard
    assert "2 tasks waiting; the oldest has waited 12" in dashboard
    report = client.get("/admin/background-tasks/").content.decode()
    assert "<dt>Waiting</dt><dd>2 (the oldest for 12" in report
    assert "No task has failed or been stopped." in report

    from django.contrib.auth.models import Permission

    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/background-tasks/").status_code in (302, 403)
    assert "worker may be down" not in client.get("/admin/").content.decode()


def test_staff_try_a_failed_task_again_or_dismiss_it(on_worker, client):
    always_fails.enqueue("the address book")
    for _ in range(3):
        run_worker()
        time_passes()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    url = f"/admin/background-tasks/{failed.pk}/"
    # Only superusers, and only by POST.
    client.force_login(UserFactory(is_staff=True))
    assert client.post(url + "try-again/").status_code in (302, 403)
    assert DBTaskResult.objects.filter(pk=failed.pk).exists()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url + "try-again/").status_code == 405
    assert client.post(url + "delete-everything/").status_code == 404
    report = client.get("/admin/background-tasks/").content.decode()
    assert f'action="{url}try-again/"' in report
    response = client.post(url + "try-again/", follow=True)
    assert "The task is back in the queue" in response.content.decode()
    assert not needs_staff().filter(pk=failed.pk).exists()  # off the list
    assert f'action="{url}try-again/"' not in response.content.decode()
    again = waiting().get()
    # The same call, with all its tries again.
    assert again.task_path == failed.task_path
    assert again.args_kwargs == {"args": ["the address book"], "kwargs": {}}
    # Handled twice (two staff at once): the second is told, nothing more happens.
    response = client.post(url + "try-again/", follow=True)
    assert "no longer on the list" in response.content.decode()
    assert waiting().count() == 1
    for _ in range(3):
        run_worker()
        time_passes()
    failed = needs_staff().get()
    client.post(f"/admin/background-tasks/{failed.pk}/dismiss/")
    assert not needs_staff().exists()
    assert not waiting().exists()
    assert "No task has failed" in client.get("/admin/background-tasks/").content.decode()
    assert 'id="failed-tasks"' not in client.get("/admin/").content.decode()
    assert queue_state().failed == 0
    # Handled rows go with the finished ones.
    assert delete_old_results(timezone.now() + datetime.timedelta(days=3)) >= 2
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_a_task_whose_code_is_gone_can_be_dismissed_not_tried_again(on_worker, client):
    from django_tasks_db.models import get_date_max

    row = DBTaskResult.objects.create(
        status="FAILED",
        finished_at=timezone.now(),
        task_path="guide.tasks.renamed_away",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/background-tasks/{row.pk}/"
    response = client.post(url + "try-again/", follow=True)
    assert "is no longer part of this version of the site" in response.content.decode()
    assert needs_staff().filter(pk=row.pk).exists()
    client.post(url + "dismiss/")
    assert not needs_staff().exists()


def test_a_task_left_running_by_a_killed_worker_is_shown_and_can_be_tried_again(
    on_worker, client, settings
):
    """A worker killed outright never finishes its row: after TASK_STOPPED_SECONDS it is
    listed as stopped part way; a task that is only running is left alone."""
    stale = always_fails.enqueue("the stopped one")
    busy = always_fails.enqueue("the busy one")
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.TASK_STOPPED_SECONDS + 60)
    DBTaskResult.objects.filter(pk=stale.id).update(status="RUNNING", started_at=long_ago)
    DBTaskResult.objects.filter(pk=busy.id).update(status="RUNNING", started_at=timezone.now())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    dashboard = client.get("/admin/").content.decode()
    assert "1 background task stopped part way" in dashboard
    report = client.get("/admin/background-tasks/").content.decode()
    assert "the stopped one" in report and "the busy one" not in report
    assert "Stopped part way: the worker running it was stopped or lost." in report
    assert client.post(f"/admin/background-tasks/{busy.id}/try-again/").status_code == 302
    assert DBTaskResult.objects.get(pk=busy.id).status == "RUNNING"  # left alone
    client.post(f"/admin/background-tasks/{stale.id}/try-again/")
    assert not needs_staff().filter(pk=stale.id).exists()
    assert waiting().get().args_kwargs["args"] == ["the stopped one"]
    assert "stopped part way" not in client.get("/admin/").content.decode()
    # The worker was not dead after all: it finishes the task and saves to its row.
    row = DBTaskResult.objects.get(pk=stale.id)
    row.set_successful("done late")
    assert DBTaskResult.objects.get(pk=stale.id).status == "SUCCESSFUL"


def test_every_failed_task_can_be_reached_page_by_page(on_worker, client):
    """The count says how many failed; the list shows them all, a page at a time."""
    from django_tasks_db.models import get_date_max

    from site_content.background.status import FAILED_PER_PAGE

    total = FAILED_PER_PAGE + 3
    now = timezone.now()
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            status="FAILED",
            finished_at=now - datetime.timedelta(minutes=n),
            task_path="guide.tasks.build_guide_task",
            args_kwargs={"args": [f"call-{n:03}"], "kwargs": {}},
            backend_name="default",
            run_after=get_date_max(),
        )
        for n in range(total)
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    first = client.get("/admin/background-tasks/").content.decode()
    assert queue_state().failed == total
    assert f"Showing 1 to {FAILED_PER_PAGE} of {total}, newest first." in first
    last = f"call-{total - 1:03}"
    assert "call-000" in first and last not in first
    assert 'rel="next"' in first
    second = client.get("/admin/background-tasks/?page=2").content.decode()
    assert f"Showing {FAILED_PER_PAGE + 1} to {total} of {total}" in second
    assert last in second and "call-000" not in second
    # A page that does not exist gives the last one, never an error.
    assert client.get("/admin/background-tasks/?page=abc").status_code == 200
    assert last in client.get("/admin/background-tasks/?page=99").content.decode()
