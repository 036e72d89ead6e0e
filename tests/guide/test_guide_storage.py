"""Built guides in object storage (moto's S3 server here): each build is uploaded under a new
prefix and the guide's pointer is switched only when every file is there, so a reader never
sees half a guide; older builds are pruned; every app server reads the guide from the bucket,
and nothing is left on the building machine's disk."""

from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from guide.models import GuidePage, PublishedSite
from tests.guide.conftest import DEMO_GUIDE
from tests.object_storage import moto_bucket, storages_from_settings

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
    for key in [k for k in keys(s3) if k.startswith(f"guides/{DEMO_GUIDE}/")]:
        s3["client"].delete_object(Bucket="common-ground-test", Key=key)
    return s3


def keys(s3) -> list[str]:
    from tests.object_storage import keys as all_keys

    return all_keys(s3["client"], "guides/")


def builds(s3) -> set[str]:
    """The build prefixes in the bucket for the demo guide ("living-well/<stamp>")."""
    return {"/".join(k.split("/")[1:3]) for k in keys(s3) if k.startswith(f"guides/{DEMO_GUIDE}/")}


def build():
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_build_goes_to_a_new_prefix_and_is_read_from_the_bucket(bucket, guide_dirs, client):
    _, disk_site = guide_dirs
    guide = GuidePage.objects.get(slug=DEMO_GUIDE)
    assert not guide.is_built
    assert client.get(f"/guides/{DEMO_GUIDE}/").status_code == 404
    build()
    pointer = PublishedSite.objects.get(guide=guide)
    assert f"guides/{pointer.prefix}/index.html" in keys(bucket)
    assert f"guides/{pointer.prefix}/search/search_index.json" in keys(bucket)
    assert not disk_site.exists()  # nothing on this machine's disk
    # Any app server reads it from the bucket, through the pointer.
    guide.refresh_from_db()
    assert guide.is_built
    page = client.get(f"/guides/{DEMO_GUIDE}/")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert b"Living well in later life" in b"".join(page.streaming_content)
    chapter = client.get(f"/guides/{DEMO_GUIDE}/chapters/getting-started.html")
    assert chapter.status_code == 200
    index = client.get(f"/guides/{DEMO_GUIDE}/search/search_index.json")
    assert index["Content-Type"] == "application/json"
    assert b"Getting started" in b"".join(index.streaming_content)
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
    assert builds(bucket) == {first, second.prefix}  # the one before stays, for readers
    # A build stopped part way left some files under its own prefix; one still uploading
    # (newer than the pointer) must not be touched.
    client = bucket["client"]
    stopped = f"{DEMO_GUIDE}/20000101000000-dead"
    uploading = f"{DEMO_GUIDE}/99991231000000-busy"
    for prefix in (stopped, uploading):
        client.put_object(Bucket="common-ground-test", Key=f"guides/{prefix}/index.html", Body=b"x")
    build()
    third = PublishedSite.objects.get()
    assert builds(bucket) == {second.prefix, third.prefix, uploading}


def test_a_failed_upload_leaves_the_published_guide_as_it_was(bucket, client):
    build()
    before = PublishedSite.objects.get().prefix
    from django.core.files.storage import storages

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
    page = client.get(f"/guides/{DEMO_GUIDE}/")
    assert b"Living well in later life" in b"".join(page.streaming_content)


def test_a_deleted_guide_takes_its_builds_out_of_the_bucket(
    bucket, django_capture_on_commit_callbacks
):
    build()
    build()
    assert len(builds(bucket)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        GuidePage.objects.get(slug=DEMO_GUIDE).delete()
    assert builds(bucket) == set()
    assert not PublishedSite.objects.exists()
