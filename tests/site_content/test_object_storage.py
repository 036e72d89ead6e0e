"""Shared storage: with OBJECT_STORAGE_BUCKET set, public media and private files live in an
S3-compatible bucket (here moto's server on 127.0.0.1), so every app server reads the same
files. Private files still reach people only through the permission checks, which read them
from the bucket and pass them on."""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage.handler import StorageHandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import GroupMembership, GroupNote, ProgrammeRole, WorkingGroup
from tests import factories as f
from tests.object_storage import BUCKET, free_port, moto_bucket
from tests.object_storage import storages_from_settings as settings_with


@pytest.fixture(scope="module")
def s3():
    with moto_bucket() as bucket:
        yield bucket


def storages_from_settings(env) -> dict:
    return settings_with(env)["STORAGES"]


def test_settings_put_media_and_private_files_in_the_bucket(s3):
    found = storages_from_settings(s3["env"])
    for name, location in (("default", "media"), ("private", "private")):
        options = found[name]["OPTIONS"]
        assert found[name]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert (options["bucket_name"], options["location"]) == (BUCKET, location)
        assert options["default_acl"] is None and options["file_overwrite"] is False
    assert found["private"]["OPTIONS"]["querystring_auth"] is True
    for name in ("default", "private", "guides"):
        # A bucket that stops answering does not hold a request for minutes.
        config = found[name]["OPTIONS"]["client_config"]
        assert config.connect_timeout <= 10 and config.read_timeout <= 30
    guides = found["guides"]["OPTIONS"]
    assert (guides["bucket_name"], guides["location"]) == (BUCKET, "guides")
    assert settings_with(s3["env"])["GUIDE_SITES_IN_STORAGE"] is True
    # Without the variable, local disk stays the default, built guides too.
    local = settings_with({"OBJECT_STORAGE_BUCKET": ""})
    assert local["STORAGES"]["private"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert "guides" not in local["STORAGES"] and local["GUIDE_SITES_IN_STORAGE"] is False


@contextmanager
def bucket_storage(s3_or_env, model, field_name, alias):
    env = s3_or_env.get("env", s3_or_env)
    handler = StorageHandler(storages_from_settings(env))
    field = model._meta.get_field(field_name)
    before = field.storage
    field.storage = handler[alias]
    try:
        yield handler[alias]
    finally:
        field.storage = before


@pytest.mark.django_db
def test_a_private_file_goes_to_the_bucket_and_comes_back_only_through_the_check(s3, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs.")
    member = f.add_member(locality, role="carer")
    GroupMembership.objects.create(group=group, user=member)
    outsider = f.add_member(locality, role="provider")
    with bucket_storage(s3, GroupNote, "file", "private") as storage:
        client.force_login(member)
        response = client.post(
            reverse("people:group", args=[group.pk]),
            {
                "written_on": "2026-11-30",
                "text": "Minutes attached.",
                "file": SimpleUploadedFile("minutes.txt", b"Who came and what we agreed."),
            },
        )
        assert response.status_code == 302
        note = GroupNote.objects.get(group=group)
        keys = [o["Key"] for o in s3["client"].list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        assert f"private/{note.file.name}" in keys  # in the bucket, under private/
        assert not (Path(settings.PRIVATE_MEDIA_ROOT) / note.file.name).exists()  # not on disk
        file_url = reverse("people:group_file", args=[group.pk, note.pk])
        served = client.get(file_url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == b"Who came and what we agreed."
        page = client.get(reverse("people:group", args=[group.pk])).content.decode()
        assert s3["env"]["OBJECT_STORAGE_ENDPOINT"] not in page  # no bucket address on a page
        client.force_login(outsider)
        assert client.get(file_url).status_code == 404
        admin = f.add_programme_role(programme, ProgrammeRole.ADMIN)
        client.force_login(admin)
        assert client.get(file_url).status_code == 200
    # The only address the bucket itself would give for it is signed and short-lived.
    url = storage.url(note.file.name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url


@pytest.mark.django_db
def test_storage_unreachable_gives_a_plain_answer_and_saves_nothing(s3, client):
    """The bucket's address answers nothing (a closed port): the storyteller keeps what they
    wrote, a group member gets a plain page, and no record is written."""
    from engagement.models import Story
    from tests.engagement.stories.test_stories import story_post, wav_bytes

    down = {**s3["env"], "OBJECT_STORAGE_ENDPOINT": f"http://127.0.0.1:{free_port()}"}
    programme = f.make_programme()
    locality = f.make_locality(programme)
    inquiry = f.make_inquiry(locality)
    group = WorkingGroup.objects.create(programme=programme, name="Employment", remit="Jobs.")
    member = f.add_member(locality, role="carer")
    GroupMembership.objects.create(group=group, user=member)
    with bucket_storage(down, Story, "recording", "private"):
        response = client.post(
            reverse("stories:tell", args=[inquiry.pk]),
            story_post(
                inquiry,
                text="The day centre knew my name.",
                recording=SimpleUploadedFile("me.wav", wav_bytes()),
            ),
        )
    html = response.content.decode()
    assert response.status_code == 503
    assert "We could not save your file just now" in html
    assert "The day centre knew my name." in html  # what they wrote is still there
    assert not Story.objects.exists()
    client.force_login(member)
    with bucket_storage(down, GroupNote, "file", "private"):
        response = client.post(
            reverse("people:group", args=[group.pk]),
            {
                "written_on": "2026-11-30",
                "text": "Minutes attached.",
                "file": SimpleUploadedFile("minutes.txt", b"Who came."),
            },
        )
    assert response.status_code == 503
    assert "Your file could not be saved just now" in response.content.decode()
    assert not GroupNote.objects.exists()
