"""Backup and restore: fill the database and the file folders, back up, empty everything,
restore, and compare every row of every table and every file."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from engagement.models import EntryAttachment, ProgressEntry
from site_content.backup import _checksums
from tests.browser.conftest import ensure_base_data

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict:
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def every_file() -> dict:
    return {
        name: _checksums(Path(root))
        for name, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT))
    }


def quiet():
    return open("/dev/null", "w")  # noqa: SIM115


def test_backup_then_restore_into_an_empty_installation(tmp_path):
    ensure_base_data()
    call_command("load_demo", stdout=quiet())
    entry = ProgressEntry.objects.first()
    attachment = EntryAttachment(entry=entry, original_name="minutes.txt", size=11)
    attachment.file.save("minutes.txt", ContentFile(b"We met here"), save=True)
    rows_before, files_before = every_row(), every_file()
    assert sum(len(r) for r in rows_before.values()) > 1000
    assert files_before["private"] and files_before["media"]  # attachment and demo images

    call_command("backup", str(tmp_path), stdout=quiet())
    folder = next(tmp_path.iterdir())
    assert (folder / "manifest.json").exists()

    # An empty installation: no data, no files.
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)
    assert every_row() != rows_before

    call_command("restore", str(folder), stdout=quiet())
    connection.close()
    assert every_row() == rows_before
    assert every_file() == files_before


def test_restore_refuses_to_overwrite_data_and_bad_folders(tmp_path):
    ensure_base_data()
    call_command("load_demo", stdout=quiet())
    call_command("backup", str(tmp_path / "b"), stdout=quiet())
    folder = next((tmp_path / "b").iterdir())
    with pytest.raises(CommandError, match="already has data"):
        call_command("restore", str(folder), stdout=quiet())
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path), stdout=quiet())


def test_backups_are_private_and_every_file_is_checksummed(tmp_path):
    ensure_base_data()
    call_command("load_demo", stdout=quiet())
    call_command("backup", str(tmp_path), stdout=quiet())
    folder = next(tmp_path.iterdir())
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    manifest = json.loads((folder / "manifest.json").read_text())
    database = folder / manifest["database"]["file"]
    assert manifest["database"]["sha256"] == hashlib.sha256(database.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "damage",
    [
        "database",
        "media file",
        "extra file",
        "no checksum",
        "a link",
        "another database file",
        "a folder not in the manifest",
    ],
)
def test_a_damaged_backup_restores_nothing(tmp_path, damage):
    ensure_base_data()
    call_command("load_demo", stdout=quiet())
    call_command("backup", str(tmp_path), stdout=quiet())
    folder = next(tmp_path.iterdir())
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if damage == "database":
        with (folder / manifest["database"]["file"]).open("ab") as db_file:
            db_file.write(b"tampered")
    elif damage == "media file":
        name = next(iter(manifest["files"]["media"]))
        (folder / "media" / name).write_bytes(b"not the picture")
    elif damage == "extra file":
        (folder / "media" / "planted.html").write_text("<script>alert(1)</script>")
    elif damage == "a link":
        # Checksums made to match: the link itself must still be refused.
        (folder / "media" / "evil.png").symlink_to("/etc/hostname")
        manifest["files"]["media"]["evil.png"] = _checksums(folder / "media")["evil.png"]
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "another database file":
        (folder / "other.sqlite3").write_bytes(b"a swapped database")
        manifest["database"]["file"] = "other.sqlite3"
        manifest["database"]["sha256"] = hashlib.sha256(b"a swapped database").hexdigest()
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "a folder not in the manifest":
        (folder / "media" / "planted.html").write_text("<script>alert(1)</script>")
        del manifest["files"]["media"]
        manifest_path.write_text(json.dumps(manifest))
    else:
        del manifest["database"]["sha256"]
        manifest_path.write_text(json.dumps(manifest))
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    with pytest.raises(CommandError, match="nothing was restored|cannot be trusted"):
        call_command("restore", str(folder), stdout=quiet())
    assert not Path(settings.MEDIA_ROOT).exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()


def test_a_file_uploaded_while_the_backup_runs_leaves_it_restorable(tmp_path, monkeypatch):
    """The manifest lists what the backup copied: a file that arrives after its folder was
    copied is in neither, so the backup still passes its own checks."""
    import io

    from site_content import backup as backups

    ensure_base_data()
    live = Path(settings.PRIVATE_MEDIA_ROOT)
    live.mkdir(parents=True, exist_ok=True)
    (live / "before.txt").write_bytes(b"there before")
    copy = shutil.copytree

    def copy_then_upload(source, destination, *args, **kwargs):
        done = copy(source, destination, *args, **kwargs)
        if Path(source) == live:  # not its copies of sub-folders
            (live / "during.txt").write_bytes(b"uploaded meanwhile")
        return done

    monkeypatch.setattr(backups.shutil, "copytree", copy_then_upload)
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out, stderr=io.StringIO())
    folder = next(tmp_path.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    backups._verify(folder, manifest)  # raises if any file does not match
    assert "before.txt" in manifest["files"]["private_media"]
    assert "during.txt" not in manifest["files"]["private_media"]
    assert "Database: " in out.getvalue()


def test_a_backup_of_a_database_with_no_accounts_says_so(tmp_path):
    import io

    err = io.StringIO()
    call_command("backup", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "This database has no accounts" in err.getvalue()


def test_a_link_among_the_uploads_stops_the_backup(tmp_path):
    """A link would be copied as the file it points to, from anywhere on the machine."""
    ensure_base_data()
    media = Path(settings.MEDIA_ROOT)
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "images" / "link.png").symlink_to("/etc/hostname")
    try:
        with pytest.raises(CommandError, match="images/link.png is a link"):
            call_command("backup", str(tmp_path / "b"), stdout=quiet())
    finally:
        (media / "images" / "link.png").unlink()
