"""Background work for the guide, run on the background worker (``manage.py run_worker``)."""

from django.utils import timezone
from django_tasks import task

from site_content.background.retry import retrying_task

from . import sites
from .build import BuildError, BuildResult, build_guide
from .models import GuideBuild


def run_build(build: GuideBuild, *, pdf: bool = True, site_dir=None, echo=None) -> BuildResult:
    """Build ``build.guide``, recording progress and the result on the GuideBuild row, so the
    publish history shows every build, from the admin or the command line. Raises BuildError
    (recorded as failed) when the build stops; the previous guide then stays in place."""

    def progress(percent, step):
        GuideBuild.objects.filter(pk=build.pk).update(
            status=GuideBuild.RUNNING, progress=percent, step=step
        )
        if echo:
            echo(percent, step)

    try:
        result = build_guide(
            build.guide, site_dir=site_dir, skip_refused=build.skip_refused, pdf=pdf,
            progress=progress,
        )  # fmt: skip
    except BuildError as exc:
        GuideBuild.objects.filter(pk=build.pk).update(
            status=GuideBuild.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    except Exception as exc:  # the bucket or the database not answering, or a fault of ours
        message = (
            f"The build failed: {type(exc).__name__}: {exc}. The published guide is as it was; "
            "publish again when the problem is fixed."
        )
        GuideBuild.objects.filter(pk=build.pk).update(
            status=GuideBuild.FAILED, message=message, finished_at=timezone.now()
        )
        raise BuildError(message) from exc
    except BaseException:  # the worker stopped mid-build: the build must not stay "running"
        GuideBuild.objects.filter(pk=build.pk).update(
            status=GuideBuild.FAILED,
            message="The build was stopped before it finished. The published guide is as it "
            "was; publish again.",
            finished_at=timezone.now(),
        )
        raise
    lines = [f"{result.pages} pages published in {result.seconds:.0f} seconds."]
    lines += [f"Left out: {r}" for r in result.skipped]
    lines += result.warnings
    GuideBuild.objects.filter(pk=build.pk).update(
        status=GuideBuild.DONE,
        progress=100,
        step="Published",
        message="\n".join(lines),
        finished_at=timezone.now(),
    )
    return result


@task()
def publish_guide(build_id: int) -> str:
    """Build the guide of a GuideBuild row (queued from the admin's Publish guide screen)."""
    build = GuideBuild.objects.select_related("guide").get(pk=build_id)
    try:
        run_build(build)
    except BuildError:
        return "failed"
    return "done"


@retrying_task(max_attempts=5)
def delete_built_guide(folder: str) -> str:
    """Delete every build of a deleted guide from object storage."""
    sites.delete_folder(folder)
    return folder


@retrying_task(max_attempts=3)
def publish_scheduled_pages() -> None:
    """Pages whose "go live" time has come go live, and those whose "expiry" time has come
    are unpublished: Wagtail's publish_scheduled, in this project's version, which first takes
    off the schedule a chapter that may not go live now."""
    from io import StringIO

    from django.core.management import call_command

    call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())
