"""Site-wide periodic tasks, run on the worker (registered in apps.py)."""

from django_tasks import task

from accounts.retention import apply_retention

from .background.retry import retrying_task
from .background.status import delete_old_results
from .mail import send_due


@task()
def send_waiting_email() -> dict[str, int]:
    """The sweep: email whose own task was lost (the queue was down when it was saved)."""
    return send_due()


@retrying_task(max_attempts=3)
def apply_retention_periods() -> dict[str, int]:
    """Delete personal data past its retention period (README, "Retention")."""
    return dict(apply_retention())


@task()
def delete_old_task_results() -> int:
    return delete_old_results()
