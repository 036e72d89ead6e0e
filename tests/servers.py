"""Real servers for the tests that run the app as production runs it: a private PostgreSQL
server the test may kill, gunicorn instances and the background worker, all started with
production settings (config.settings.production), and a visitor that talks to them over
plain HTTP on 127.0.0.1.

These tests need the PostgreSQL programs, so they run in CI's PostgreSQL pass and are
skipped where the programs are missing (``NEEDS_POSTGRES``)."""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.object_storage import free_port

REPO = Path(__file__).resolve().parents[1]
PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
PYTHON = sys.executable
NEEDS_POSTGRES = [
    pytest.mark.skipif(not PG_BINS, reason="the PostgreSQL programs are not installed"),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="runs in the PostgreSQL pass",
    ),
]


class PostgresServer:
    """A private PostgreSQL cluster in a temporary folder, with one database, ``app``, that
    the test may kill. Runs as the postgres user when the tests run as root."""

    def __init__(self, prefix="cg-pg-", durable=True):
        self.durable = durable
        self.bin = Path(PG_BINS[-1])
        self.root = Path(tempfile.mkdtemp(prefix=prefix))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.run(*self._client("psql"), "-q", "-c", "CREATE DATABASE app")

    def run(self, program, *args):
        command = [str(self.bin / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603

    def start(self):
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root}"
        if not self.durable:  # quicker, for a server no test kills
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def dump(self, path: Path):
        self.run(*self._client("pg_dump"), "-Fc", "-f", str(path), "app")

    def restore(self, path: Path):
        self.run(*self._client("pg_restore"), "-d", "app", str(path))

    def _client(self, program) -> tuple[str, ...]:
        return (program, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres")

    def kill(self):
        """SIGKILL the postmaster and every backend, as a crash would."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                # The parent's pid is the 2nd field after the ")" that ends the name.
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    children.append(int(stat.parent.name))
        assert children, "the database server's processes were not found"
        for p in [pid, *children]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        time.sleep(1)

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/app"

    def rows(self, sql: str, *params) -> list[tuple]:
        """Read the database directly (not through the app)."""
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(sql, params).fetchall()


def production_env(database_url: str, folder: Path, **extra: str) -> dict:
    """The environment of every process of one installation: production settings over plain
    HTTP on 127.0.0.1, emails written to the log, the public forms' rate limits out of the
    way (every request comes from the one address)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "600",
        "SECRET_KEY": "server-test-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STORY_RATE_LIMIT": "100000/h/ip",
        "REGISTRATION_RATE_LIMIT": "100000/h/ip",
        "EMAIL_HOST": "",
        "EMAIL_TO_LOG": "true",
        "PYTHONPATH": str(REPO),
        "STATIC_ROOT": str(folder / "static"),
        **on_its_own_disk(folder),
        **extra,
    }


def on_its_own_disk(folder: Path) -> dict:
    """The folders one machine keeps files in on its own disk (public media, private files,
    built guides), under ``folder``. Each machine of a cluster gets its own, so nothing can
    pass from one to another through the disk they happen to share here."""
    return {
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "GUIDE_SITE_DIR": str(folder / "site"),
    }


def manage(env: dict, *args: str) -> str:
    """Run a manage.py command; its output."""
    done = subprocess.run(  # noqa: S603 - this interpreter, the project's own manage.py
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def shell(env: dict, code: str) -> str:
    """Run Python in `manage.py shell` (the installation's settings and database); its
    output."""
    return manage(env, "shell", "-c", code)


def prepare_database(server: PostgresServer, env: dict, setup: str = "") -> str:
    """What the README's production steps do before the first start (migrate, the cache
    table, the static files), then the Python in ``setup``; its output. The static files are
    gathered meanwhile, by another process.

    Migrating takes most of a minute, so the first test to prepare a database keeps a copy
    of it (pg_dump) and later ones in the same run start from that copy."""
    static = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        prepared = _prepared_copy()
        if prepared.exists():
            server.restore(prepared)
        else:
            shell(env, PREPARE)
            server.dump(prepared.with_suffix(".part"))
            prepared.with_suffix(".part").rename(prepared)
        made = shell(env, setup) if setup else ""
    finally:
        _, problems = static.communicate(timeout=300)
    assert static.returncode == 0, f"collectstatic failed:\n{problems}"
    return made


def _prepared_copy() -> Path:
    """Where the copy of a freshly prepared database is kept for this run (a folder the
    PostgreSQL programs may write in, removed when the run ends)."""
    global _PREPARED
    if _PREPARED is None:
        folder = Path(tempfile.mkdtemp(prefix="cg-pg-prepared-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PREPARED = folder / "prepared.dump"
    return _PREPARED


_PREPARED: Path | None = None
PREPARE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
"""


def start_gunicorn(env: dict, log: Path, workers: int = 2) -> tuple[subprocess.Popen, str]:
    """One app server; returns the process and its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            # Stopped when the test is done with it: no request is left to finish.
            "--graceful-timeout",
            "2",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    return process, f"http://127.0.0.1:{port}"


def start_app_servers(env: dict, folder: Path, started: list, names=("a", "b")) -> list[str]:
    """One gunicorn per name, each as its own machine (its disk: ``folder``/name, where it
    logs too); each process joins ``started`` as it starts (so the caller's clean-up stops
    it). Their base URLs, once all answer."""
    running = []
    for name in names:
        disk = folder / name
        disk.mkdir()
        own = {**env, **on_its_own_disk(disk)}
        process, base = start_gunicorn(own, disk / "gunicorn.log")
        started.append(process)
        running.append((process, base))
    for process, base in running:
        wait_until_up(base, process)
    return [base for _, base in running]


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    """The background worker (django-tasks-db), looking for tasks every half second."""
    return subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "run_worker", "--interval", "0.5"],
        cwd=REPO,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait for an app server's /healthz to answer 200; a busy machine can take a while."""
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the app server at {base} stopped"
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            if requests.get(base + "/healthz", timeout=10).status_code == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"the app server at {base} did not answer in {seconds} seconds")


def stop(*processes: subprocess.Popen | None) -> None:
    """Stop processes started here: politely, then for good."""
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
    for process in processes:
        if process is None:
            continue
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """One person's browser. Production cookies are Secure, which requests does not send to
    http://127.0.0.1, so this keeps them and passes them by hand; redirects are not
    followed, so each answer can be checked."""

    def __init__(self):
        import requests

        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def _keep(self, response):
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, url: str, **kwargs):
        kwargs.setdefault("timeout", 20)
        return self._keep(self.http.get(url, cookies=self.cookies, allow_redirects=False, **kwargs))

    def post(self, url: str, data: dict, **kwargs):
        kwargs.setdefault("timeout", 20)
        return self._keep(
            self.http.post(url, data=data, cookies=self.cookies, allow_redirects=False, **kwargs)
        )

    def send_form(self, url: str, data: dict, files=None, **kwargs):
        """Open the page with the form, then post it with the page's CSRF token."""
        form = self.get(url, **kwargs)
        token = CSRF.search(form.text)
        if token is None:
            raise ValueError(f"no form at {url} (status {form.status_code})")
        return self.post(url, {"csrfmiddlewaretoken": token.group(1), **data}, files=files)


# A programme with an open inquiry, on the Site at 127.0.0.1; prints its id.
INQUIRY_SETUP = """
import datetime
from wagtail.models import Site
from site_content.models import HomePage
from engagement.models import InquiryPage, ProgrammePage
home = HomePage.objects.first()
programme = ProgrammePage(title="P", slug="p", purpose="x")
home.add_child(instance=programme)
programme.save_revision().publish()
today = datetime.date.today()
inquiry = InquiryPage(title="I", slug="i", question="q", introduction="i", run_by="us",
    opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9))
programme.add_child(instance=inquiry)
inquiry.save_revision().publish()
Site.objects.update(hostname="127.0.0.1")
print("INQUIRY", inquiry.pk)
"""


def story(text: str) -> dict:
    """What a storyteller types in the public story form."""
    return {"text": text, "teller": "A carer", "consent_learning": "on"}
