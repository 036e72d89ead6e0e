"""Built guides in object storage (moto's S3 server here): each build is uploaded under a new
prefix in the guide's own folder and the guide's pointer is switched only when every file is
there, so a reader never sees half a guide; older builds are pruned; every app server reads
the guide from the bucket, and nothing is left on the building machine's disk."""

import datetime
from unittest import mock

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.utils import timezone

from guide import sites
from guide.models import GuidePage, PublishedSite
from tests.guide.conftest import DEMO_GUIDE
from tests.object_storage import BUCKET, moto_bucket, storages_from_settings
from tests.object_storage import keys as bucket_keys

pytestmark = pytest.mark.usefixtures("demo_db")


@pytest.fixture(scope="module")
def s3():
    with moto_bucket() as bucket:
        bucket["settings"] = storages_from_settings(bucket["env"])
        yield bucket


@pytest.fixture
def bucket(s3, settings, guide_dirs):
    """Guides go to the bucket, as the settings make them with OBJECT_STORAGE_BUCKET set."""
    settings.STORAGES = {**settings.STORAGES, "guides": s3["settings"]["STORAGES"]["guides"]}
    settings.GUIDE_SITES_IN_STORAGE = True
    for key in keys(s3):
        s3["client"].delete_object(Bucket=BUCKET, Key=key)
    return s3


def keys(s3) -> list[str]:
    return bucket_keys(s3["client"], "guides/")


def demo_guide() -> GuidePage:
    return GuidePage.objects.get(slug=DEMO_GUIDE)


def builds(s3, guide=None) -> set[str]:
    """The build prefixes in the bucket for a guide ("guide-<id>/<stamp>")."""
    folder = sites.folder_of(guide or demo_guide())
    return {"/".join(k.split("/")[1:3]) for k in keys(s3) if k.startswith(f"guides/{folder}/")}


def build(*args):
    call_command("build_guide", "--no-pdf", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_build_goes_to_a_new_prefix_and_is_read_from_the_bucket(bucket, guide_dirs, client):
    _, disk_site = guide_dirs
    guide = demo_guide()
    assert not guide.is_built
    assert client.get(f"/guides/{DEMO_GUIDE}/").status_code == 404
    build()
    pointer = PublishedSite.objects.get(guide=guide)
    assert pointer.prefix.startswith(f"guide-{guide.pk}/")
    assert f"guides/{pointer.prefix}/index.html" in keys(bucket)
    assert f"guides/{pointer.prefix}/search/search_index.json" in keys(bucket)
    assert not disk_site.exists()  # nothing on this machine's disk
    # Any app server reads it from the bucket, through the pointer.
    guide.refresh_from_db()
    assert guide.is_built
    page = client.get(f"/guides/{DEMO_GUIDE}/")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert b"Living well in later life" in body(page)
    chapter = client.get(f"/guides/{DEMO_GUIDE}/chapters/getting-started.html")
    assert chapter.status_code == 200
    index = client.get(f"/guides/{DEMO_GUIDE}/search/search_index.json")
    assert index["Content-Type"] == "application/json"
    assert b"Getting started" in body(index)
    assert client.get(f"/guides/{DEMO_GUIDE}/no-such-page.html").status_code == 404
    assert client.get(f"/guides/{DEMO_GUIDE}/../{DEMO_GUIDE}/index.html").status_code == 404
    # A key outside the build's prefix is never read, however the address is written.
    prefix = pointer.prefix
    for outside in (f"/{prefix}/index.html", f"..%2F{prefix}/index.html", "//etc/passwd"):
        assert client.get(f"/guides/{DEMO_GUIDE}/{outside}").status_code == 404
    # Listed as published, and the old one-guide address leads to it.
    assert "Living well in later life" in client.get("/guides/").content.decode()
    assert client.get("/guide/")["Location"] == f"/guides/{DEMO_GUIDE}/"


def test_the_pointer_switches_and_older_builds_are_pruned(bucket):
    build()
    first = PublishedSite.objects.get().prefix
    build()
    second = PublishedSite.objects.get()
    assert second.prefix != first and second.previous_prefix == first
    assert builds(bucket) == {first, second.prefix}  # the one before stays until the next
    # A build stopped part way left some files under its own prefix; one still uploading
    # (newer than the pointer) must not be touched.
    folder = sites.folder_of(demo_guide())
    stopped = f"{folder}/20000101000000000000-dead"
    uploading = f"{folder}/99991231000000000000-busy"
    for prefix in (stopped, uploading):
        bucket["client"].put_object(Bucket=BUCKET, Key=f"guides/{prefix}/index.html", Body=b"x")
    build()
    third = PublishedSite.objects.get()
    assert builds(bucket) == {second.prefix, third.prefix, uploading}


def test_a_browser_that_has_the_page_is_told_it_is_unchanged_until_the_next_build(bucket, client):
    """A build's files never change, so the browser gets a 304 for a page it already has,
    and the whole page again once a new build is published."""
    build()
    address = f"/guides/{DEMO_GUIDE}/chapters/getting-started.html"
    first = client.get(address)
    assert first.status_code == 200 and b"Getting started" in body(first)
    assert "no-cache" in first["Cache-Control"] and first["Last-Modified"]
    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert not again.content
    since = client.get(address, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    # Another page of the same build has its own version.
    assert client.get(f"/guides/{DEMO_GUIDE}/")["ETag"] != first["ETag"]
    build()
    after = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert b"Getting started" in body(after)


def test_a_build_that_started_earlier_and_ends_later_is_dropped(bucket, tmp_path, client):
    """Two builds of one guide at once: the later one started is published even when the
    earlier one finishes after it, and nothing of the earlier one is left."""
    build()
    published = PublishedSite.objects.get().prefix
    late = tmp_path / "late"
    late.mkdir()
    (late / "index.html").write_text("an older build")
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    with mock.patch("guide.sites.timezone.now", return_value=earlier):
        placed = sites.put_in_place(demo_guide(), late)
    assert "A later build of this guide was published while this one ran" in placed.warnings[0]
    assert PublishedSite.objects.get().prefix == published
    assert builds(bucket) == {published}
    assert b"an older build" not in body(client.get(f"/guides/{DEMO_GUIDE}/"))


def test_a_renamed_guide_keeps_its_builds_and_its_old_slug_is_free(bucket, client):
    build()
    guide = demo_guide()
    guide.slug = "living-well-renamed"
    guide.save_revision().publish()
    assert client.get("/guides/living-well-renamed/").status_code == 200
    # A new guide given the old slug builds into its own folder.
    home = guide.get_parent()
    other = GuidePage(title="Another guide", slug=DEMO_GUIDE, introduction="Another.")
    home.add_child(instance=other)
    other.save_revision().publish()
    build("--guide", DEMO_GUIDE)
    assert builds(bucket, other) and builds(bucket, guide)
    renamed = client.get("/guides/living-well-renamed/chapters/getting-started.html")
    assert renamed.status_code == 200
    assert b"Another guide" in body(client.get(f"/guides/{DEMO_GUIDE}/"))


def test_a_failed_upload_leaves_the_published_guide_as_it_was(bucket, client):
    build()
    before = PublishedSite.objects.get().prefix
    guides = storages["guides"]
    real_save = guides.save

    def flaky(name, content, *args, **kwargs):
        if name.endswith("search_index.json"):
            raise ConnectionError("the bucket stopped answering")
        return real_save(name, content, *args, **kwargs)

    with (
        mock.patch.object(guides, "save", side_effect=flaky),
        pytest.raises(CommandError, match="could not be uploaded to object storage"),
    ):
        build()
    assert PublishedSite.objects.get().prefix == before  # the pointer did not move
    assert b"Living well in later life" in body(client.get(f"/guides/{DEMO_GUIDE}/"))


def test_old_builds_that_cannot_be_deleted_do_not_fail_the_build(bucket, capsys):
    build()
    first = PublishedSite.objects.get().prefix
    with mock.patch("guide.sites.prune", side_effect=EndpointConnectionError(endpoint_url="x")):
        call_command("build_guide", "--no-pdf")
    assert PublishedSite.objects.get().prefix != first  # published all the same
    assert "Older builds could not be deleted" in capsys.readouterr().out


def test_a_bucket_that_does_not_answer_gives_a_plain_page(bucket, client):
    build()
    guides = storages["guides"]
    with mock.patch.object(guides, "exists", side_effect=EndpointConnectionError(endpoint_url="x")):
        response = client.get(f"/guides/{DEMO_GUIDE}/")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "This page cannot be shown just now" in response.content.decode()
    # When it answers again, so does the guide.
    assert client.get(f"/guides/{DEMO_GUIDE}/").status_code == 200


def test_a_deleted_guide_takes_its_builds_out_of_the_bucket(
    bucket, django_capture_on_commit_callbacks
):
    build()
    build()
    guide = demo_guide()
    bucket["client"].put_object(
        Bucket=BUCKET, Key=f"guides/{sites.folder_of(guide)}/20000101-left/x.html", Body=b"x"
    )
    assert len(builds(bucket)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        guide.delete()
    assert not [k for k in keys(bucket) if k.startswith(f"guides/guide-{guide.pk}/")]
    assert not PublishedSite.objects.exists()
