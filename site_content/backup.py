"""Consistent backups of the database and uploaded files, and restoring them.

SQLite is copied with its online backup API (safe while the site runs); PostgreSQL with
pg_dump / pg_restore. Uploaded files (public media and private attachments) are copied, and a
manifest records what was backed up with a checksum for every file, the database included.
A backup holds password hashes, authenticator secrets and personal data: it is readable by
its owner alone (folders 0700, files 0600). The manifest is signed with a key made from the
site's SECRET_KEY, so whoever can write to the backup folder cannot change a file and
recompute its checksum unnoticed: nothing is restored until the signature verifies and every
file matches its checksum.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import connections


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def _file_roots() -> dict[str, Path]:
    """The file folders a backup copies. With object storage the files live in the bucket,
    which its own versioning keeps (README, "Backups"): the backup is the database only."""
    if settings.OBJECT_STORAGE_BUCKET:
        return {}
    return {"media": Path(settings.MEDIA_ROOT), "private_media": Path(settings.PRIVATE_MEDIA_ROOT)}


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _digest(p) for p in sorted(root.rglob("*")) if p.is_file()}


DATABASE_FILES = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}


def _links_in(root: Path) -> list[str]:
    """Symbolic links under ``root`` (not followed). A backup holds only real files: a link
    copied as what it points to would carry a file from elsewhere on the machine, and
    restoring it would put that file among the uploads."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            if os.path.islink(os.path.join(folder, name)):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def _make_private(target: Path) -> None:
    """Only the owner may read a backup: folders 0700, files 0600."""
    target.chmod(0o700)
    for path in target.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _check_shape(manifest: dict) -> None:
    """Refuse a manifest not laid out as backup writes one (a signed one always is; an
    unsigned one may have been edited by hand), before anything is read from it."""
    database, files = manifest.get("database"), manifest.get("files")
    laid_out = (
        isinstance(database, dict)
        and all(isinstance(database.get(key), str) for key in ("engine", "file", "sha256"))
        and isinstance(files, dict)
        and all(
            isinstance(listed, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in listed.items())
            for listed in files.values()
        )
    )
    if not laid_out:
        raise BackupError(
            "manifest.json is not laid out as a backup's manifest (its database or files are "
            "missing or malformed): nothing was restored."
        )


def _verify(source: Path, manifest: dict) -> None:
    """Refuse a backup unless the database and every file match the manifest's checksums."""
    _check_shape(manifest)
    database = manifest.get("database", {})
    if not database.get("sha256"):
        raise BackupError("This backup has no checksum for its database, so it cannot be trusted.")
    if database.get("file") != DATABASE_FILES.get(database.get("engine")):
        raise BackupError(
            "The manifest names another database file than restore reads: nothing was restored."
        )
    links = _links_in(source)
    if links:
        raise BackupError(
            f"The backup holds a link ({links[0]}), not a file: nothing was restored."
        )
    unlisted = sorted(
        name
        for name in _file_roots()
        if (source / name).exists() and name not in manifest.get("files", {})
    )
    if unlisted:
        raise BackupError(f"The folder {unlisted[0]} is not in the manifest: nothing was restored.")
    if not (source / database["file"]).is_file():
        raise BackupError(f"The database file {database['file']} is missing from the backup.")
    if _digest(source / database["file"]) != database["sha256"]:
        raise BackupError("The database file does not match its checksum: nothing was restored.")
    for name, expected in manifest.get("files", {}).items():
        found = _checksums(source / name)
        wrong = sorted(f for f, digest in expected.items() if found.get(f) != digest)
        extra = sorted(set(found) - set(expected))
        if wrong or extra:
            raise BackupError(
                f"{len(wrong) + len(extra)} file(s) in {name} do not match the manifest "
                f"(for example {(wrong + extra)[0]}): nothing was restored."
            )


# The signature's own salt: a value signed elsewhere with SECRET_KEY (a cookie, a link in an
# email) is never a valid manifest signature, nor the other way round.
SIGNATURE_SALT = "common-ground.backup.manifest"


def _signer() -> signing.Signer:
    """Signs with SECRET_KEY and also accepts SECRET_KEY_FALLBACKS (Django's default), so a
    backup made before the key was rotated still restores while the old key is kept there."""
    return signing.Signer(salt=SIGNATURE_SALT, algorithm="sha256")


def _signed_content(manifest: dict) -> str:
    """The manifest without its signature, in one fixed form: what the signature covers
    (every checksum, the database's name and engine, the date), whatever the file's layout."""
    content = {key: value for key, value in manifest.items() if key != "signature"}
    return json.dumps(content, sort_keys=True, separators=(",", ":"))


def sign(manifest: dict) -> dict:
    """The manifest with its signature added."""
    return {**manifest, "signature": _signer().signature(_signed_content(manifest))}


def _check_signature(manifest: dict, *, allow_unsigned: bool) -> None:
    """Refuse a manifest whose signature is missing (unless allowed) or does not verify."""
    if "signature" not in manifest:
        if allow_unsigned:
            return
        raise BackupError(
            "This backup is not signed, so there is no way to tell whether it was changed "
            "after it was made: nothing was restored. Backups made before signing was added "
            "have no signature; if this is one of them and it has been kept safe, restore it "
            "with --allow-unsigned (its checksums are still checked)."
        )
    try:
        _signer().unsign(f"{_signed_content(manifest)}:{manifest['signature']}")
    except signing.BadSignature as exc:
        raise BackupError(
            "This backup's signature does not match: either the backup was changed after it "
            "was made, or it was made by a site with another SECRET_KEY. Nothing was "
            "restored. Restore it with the same SECRET_KEY as the site that made it (after "
            "changing the key, keep the old one in SECRET_KEY_FALLBACKS); if it was changed, "
            "use another backup."
        ) from exc


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def _pg_env(db) -> tuple[list[str], dict]:
    args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def backup(dest: Path, *, alias: str = "default") -> Path:
    """Write a timestamped backup folder under ``dest`` and return it."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = Path(dest) / f"common-ground-{stamp}"
    Path(dest).mkdir(parents=True, exist_ok=True, mode=0o700)
    old_umask = os.umask(0o077)
    try:
        target.mkdir(exist_ok=False, mode=0o700)
        _write_backup(target, alias, stamp)
    finally:
        os.umask(old_umask)
    _make_private(target)
    return target


def _write_backup(target: Path, alias: str, stamp: str) -> None:
    db = connections[alias].settings_dict
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(target / DATABASE_FILES["sqlite"]) as out:
            connection.connection.backup(out)
        database = {"engine": "sqlite", "file": DATABASE_FILES["sqlite"]}
    elif "postgresql" in engine:
        args, env = _pg_env(db)
        run = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [
                _tool("pg_dump"),
                *args,
                "-Fc",
                "--no-owner",
                "-f",
                str(target / DATABASE_FILES["postgresql"]),
                db["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise BackupError(f"pg_dump failed: {run.stderr.strip()}")
        database = {"engine": "postgresql", "file": DATABASE_FILES["postgresql"]}
    else:
        raise BackupError(f"Backups are not supported for the database engine {engine}.")
    files = {}
    for name, root in _file_roots().items():
        if root.exists():
            links = _links_in(root)
            if links:
                raise BackupError(
                    f"{name}/{links[0]} is a link to somewhere else, not an uploaded file. A "
                    "backup copies only real files: remove the link (or put a copy of its file "
                    "there)."
                )
            shutil.copytree(root, target / name, symlinks=True)
        # The copy's checksums, not the live folder's: a file uploaded while the backup runs
        # is then either in both the copy and the manifest, or in neither.
        files[name] = _checksums(target / name)
    database["sha256"] = _digest(target / database["file"])
    manifest = {"created": stamp, "database": database, "files": files}
    if settings.OBJECT_STORAGE_BUCKET:
        manifest["files_in_bucket"] = settings.OBJECT_STORAGE_BUCKET
    (target / "manifest.json").write_text(json.dumps(sign(manifest), indent=2, sort_keys=True))


def restore(
    source: Path, *, alias: str = "default", force: bool = False, allow_unsigned: bool = False
) -> dict:
    """Bring a backup folder back into this installation's database and file folders.
    ``allow_unsigned`` accepts a backup with no signature (made before backups were signed);
    a signature that is there but does not verify is refused all the same."""
    source = Path(source)
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{source} is not a backup folder (manifest.json is missing).")
    try:
        manifest = json.loads(manifest_path.read_text())
    except ValueError as exc:
        raise BackupError(f"{manifest_path} is not readable JSON: nothing was restored.") from exc
    if not isinstance(manifest, dict):
        raise BackupError(f"{manifest_path} is not a backup manifest: nothing was restored.")
    _check_signature(manifest, allow_unsigned=allow_unsigned)
    _verify(source, manifest)
    from django.contrib.auth import get_user_model

    if not force and get_user_model().objects.exists():
        raise BackupError(
            "This installation already has data. Restore into an empty one, or use --force "
            "to replace everything."
        )
    db = connections[alias].settings_dict
    kind = manifest["database"]["engine"]
    if kind == "sqlite":
        if not db["ENGINE"].endswith("sqlite3"):
            raise BackupError(
                "This backup is from SQLite; this installation uses another database."
            )
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(source / DATABASE_FILES["sqlite"]) as backup_db:
            backup_db.backup(connection.connection)
    else:
        if "postgresql" not in db["ENGINE"]:
            raise BackupError(
                "This backup is from PostgreSQL; this installation uses another database."
            )
        connections[alias].close()
        args, env = _pg_env(db)
        run = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                db["NAME"],
                str(source / DATABASE_FILES["postgresql"]),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise BackupError(f"pg_restore failed: {run.stderr.strip()[-2000:]}")
    for name, root in _file_roots().items():
        if (source / name).exists():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source / name, root, dirs_exist_ok=True, symlinks=True)
        restored = _checksums(root)
        wrong = [
            f for f, digest in manifest["files"].get(name, {}).items() if restored.get(f) != digest
        ]
        if wrong:
            raise BackupError(f"{len(wrong)} file(s) in {name} did not come back intact.")
    return manifest
