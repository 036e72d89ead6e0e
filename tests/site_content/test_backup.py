"""Backup and restore: fill the database and the file folders, back up, empty everything,
restore, and compare every row of every table and every file."""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from engagement.models import EntryAttachment, ProgressEntry
from site_content.backup import _checksums, sign
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
    # A changed manifest is signed again, as only the site could: the checks behind the
    # signature must hold on their own (the signature's tests are further down).
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
        manifest_path.write_text(json.dumps(sign(manifest)))
    elif damage == "another database file":
        (folder / "other.sqlite3").write_bytes(b"a swapped database")
        manifest["database"]["file"] = "other.sqlite3"
        manifest["database"]["sha256"] = hashlib.sha256(b"a swapped database").hexdigest()
        manifest_path.write_text(json.dumps(sign(manifest)))
    elif damage == "a folder not in the manifest":
        (folder / "media" / "planted.html").write_text("<script>alert(1)</script>")
        del manifest["files"]["media"]
        manifest_path.write_text(json.dumps(sign(manifest)))
    else:
        del manifest["database"]["sha256"]
        manifest_path.write_text(json.dumps(sign(manifest)))
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


# --- signed manifests ----------------------------------------------------------------------


def small_backup(tmp_path) -> Path:
    """A backup of an installation with an account and an uploaded file, then everything
    emptied: ready to restore into."""
    from django.contrib.auth import get_user_model

    ensure_base_data()
    get_user_model().objects.create_user("kept@example.org", "a-long-passphrase")
    media = Path(settings.MEDIA_ROOT)
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "images" / "kept.txt").write_bytes(b"a picture, as it was")
    call_command("backup", str(tmp_path), stdout=quiet(), stderr=quiet())
    folder = next(tmp_path.iterdir())
    call_command("flush", "--no-input", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)
    return folder


def restored() -> bool:
    from django.contrib.auth import get_user_model

    kept = Path(settings.MEDIA_ROOT) / "images" / "kept.txt"
    return get_user_model().objects.filter(email="kept@example.org").exists() and kept.exists()


def assert_nothing_restored():
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_a_backup_is_signed_and_restores(tmp_path):
    folder = small_backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["signature"]
    out = io.StringIO()
    call_command("restore", str(folder), stdout=out, stderr=quiet())
    assert "Restored the backup" in out.getvalue()
    assert restored()


@pytest.mark.parametrize("changed", ["media file", "database"])
def test_a_changed_backup_with_recomputed_checksums_is_refused(tmp_path, changed):
    """Whoever can write to the backup folder can recompute the checksums, but cannot sign."""
    folder = small_backup(tmp_path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if changed == "media file":
        (folder / "media" / "images" / "kept.txt").write_bytes(b"<script>alert(1)</script>")
        manifest["files"]["media"] = _checksums(folder / "media")
    else:
        with (folder / manifest["database"]["file"]).open("ab") as db_file:
            db_file.write(b"tampered")
        manifest["database"]["sha256"] = _checksums(folder)[manifest["database"]["file"]]
    manifest_path.write_text(json.dumps(manifest, indent=2))
    refused = "changed after it was made.*Nothing was restored"
    with pytest.raises(CommandError, match=refused):
        call_command("restore", str(folder), stdout=quiet())
    assert_nothing_restored()
    # --allow-unsigned is for backups with no signature at all, not for a wrong one.
    with pytest.raises(CommandError, match=refused):
        call_command("restore", str(folder), allow_unsigned=True, stdout=quiet())
    assert_nothing_restored()


def test_a_backup_signed_with_another_secret_key_is_refused(tmp_path, settings):
    settings.SECRET_KEY = "another-site-s-secret-key"
    folder = small_backup(tmp_path)
    settings.SECRET_KEY = "this-site-s-secret-key"
    with pytest.raises(CommandError, match="made by a site with another SECRET_KEY"):
        call_command("restore", str(folder), stdout=quiet())
    assert_nothing_restored()


def test_a_backup_signed_with_a_key_now_in_the_fallbacks_restores(tmp_path, settings):
    settings.SECRET_KEY = "the-key-before-rotation"
    folder = small_backup(tmp_path)
    settings.SECRET_KEY = "the-key-after-rotation"
    settings.SECRET_KEY_FALLBACKS = ["an-older-key", "the-key-before-rotation"]
    call_command("restore", str(folder), stdout=quiet())
    assert restored()


def test_an_unsigned_backup_restores_only_when_allowed(tmp_path):
    """A backup made before manifests were signed: refused, unless --allow-unsigned, which
    still checks its checksums and warns."""
    folder = small_backup(tmp_path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["signature"]
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    with pytest.raises(CommandError, match="not signed.*--allow-unsigned"):
        call_command("restore", str(folder), stdout=quiet())
    assert_nothing_restored()

    (folder / "media" / "images" / "kept.txt").write_bytes(b"changed")
    with pytest.raises(CommandError, match="do not match the manifest"):
        call_command("restore", str(folder), allow_unsigned=True, stdout=quiet())
    assert_nothing_restored()

    (folder / "media" / "images" / "kept.txt").write_bytes(b"a picture, as it was")
    err = io.StringIO()
    call_command("restore", str(folder), "--allow-unsigned", stdout=quiet(), stderr=err)
    assert "This backup was not signed" in err.getvalue()
    assert restored()


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.update(database="db.sqlite3"),  # a name, not the database's entry
        lambda m: m.pop("files"),
        lambda m: m["files"].update(media=["kept.txt"]),
        lambda m: m["database"].pop("engine"),
    ],
    ids=["database a string", "no files", "files a list", "no engine"],
)
def test_an_unsigned_manifest_edited_out_of_shape_is_refused_before_anything_is_restored(
    tmp_path, edit
):
    folder = small_backup(tmp_path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["signature"]
    edit(manifest)
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="not laid out as a backup's manifest"):
        call_command("restore", str(folder), allow_unsigned=True, stdout=quiet())
    assert_nothing_restored()
