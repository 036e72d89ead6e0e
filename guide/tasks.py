"""Background work for the guide (Django tasks: in-process by default, a worker at scale)."""

from django.utils import timezone
from django_tasks import task

from .build import BuildError, build_guide
from .models import GuideBuild


@task()
def publish_guide(build_id: int) -> str:
    """Build the guide for a GuideBuild row, recording progress and the result on it."""
    build = GuideBuild.objects.get(pk=build_id)

    def progress(percent, step):
        GuideBuild.objects.filter(pk=build_id).update(
            status=GuideBuild.RUNNING, progress=percent, step=step
        )

    try:
        result = build_guide(skip_refused=build.skip_refused, progress=progress)
    except BuildError as exc:
        GuideBuild.objects.filter(pk=build_id).update(
            status=GuideBuild.FAILED, message=str(exc), finished_at=timezone.now()
        )
        return "failed"
    lines = [f"{result.pages} pages published in {result.seconds:.0f} seconds."]
    lines += [f"Left out: {r}" for r in result.skipped]
    lines += result.warnings
    GuideBuild.objects.filter(pk=build_id).update(
        status=GuideBuild.DONE,
        progress=100,
        step="Published",
        message="\n".join(lines),
        finished_at=timezone.now(),
    )
    return "done"
