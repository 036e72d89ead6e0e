"""Staying up: stories are sent to the running app (gunicorn, production settings) while its
PostgreSQL server is killed with SIGKILL and started again. The app recovers without being
restarted, and every story that got a success answer is in the database afterwards.

It runs its own PostgreSQL server (with full durability: synchronous commits) so that it may
kill it; it needs the PostgreSQL programs, so it runs in CI's PostgreSQL pass and is skipped
where they are missing."""

import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = [
    pytest.mark.skipif(not PG_BINS, reason="the PostgreSQL programs are not installed"),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="runs in the PostgreSQL pass",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A private PostgreSQL cluster that this test may kill."""

    def __init__(self):
        self.bin = Path(PG_BINS[-1])
        self.root = Path(tempfile.mkdtemp(prefix="cg-pgkill-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-q",
            "-c",
            "CREATE DATABASE app",
        )

    def run(self, program, *args):
        command = [str(self.bin / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603

    def start(self):
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
            f"-h 127.0.0.1 -p {self.port} -k {self.root}",
            "start",
        )

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


@pytest.fixture
def app():
    import requests

    server = Server()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": server.url,
        "DB_CONN_MAX_AGE": "600",
        "SECRET_KEY": "restart-test-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STORY_RATE_LIMIT": "100000/h/ip",
        "EMAIL_HOST": "",
        "EMAIL_TO_LOG": "true",
        "PYTHONPATH": str(REPO),
        "STATIC_ROOT": str(server.root / "static"),
    }
    python = sys.executable
    commands = (
        ["migrate", "--noinput", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
    )
    for args in commands:
        subprocess.run([python, "manage.py", *args], cwd=REPO, env=env, check=True)  # noqa: S603
    made = subprocess.run(  # noqa: S603
        [python, "manage.py", "shell", "-c", SETUP],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    inquiry_id = int(re.search(r"INQUIRY (\d+)", made.stdout).group(1))
    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(python).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    # Wait for gunicorn to answer; a busy machine can take a while over the first page.
    for _ in range(100):
        try:
            requests.get(base + "/", timeout=10)
            break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    try:
        yield {"server": server, "base": base, "inquiry": inquiry_id}
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        server.stop()


SETUP = """
import datetime
from wagtail.models import Page, Site
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


def test_sigkill_of_the_database_loses_no_story_that_was_answered_with_success(app):
    import psycopg
    import requests

    url = f"{app['base']}/stories/{app['inquiry']}/tell/"
    answered: list[str] = []
    failed: list[str] = []
    stop = threading.Event()
    after_restart = threading.Event()
    after: list[str] = []

    def client(n):
        session = requests.Session()
        i = 0
        while not stop.is_set():
            i += 1
            text = f"restart-test story {n}-{i}"
            try:
                form = session.get(url, timeout=10)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
                if token is None:
                    raise ValueError("no form")
                # Production cookies are Secure; over plain HTTP on loopback, pass it by hand.
                cookie = form.cookies.get("csrftoken") or session.cookies.get("csrftoken")
                sent = session.post(
                    url,
                    cookies={"csrftoken": cookie},
                    data={
                        "csrfmiddlewaretoken": token.group(1),
                        "text": text,
                        "teller": "A carer",
                        "consent_learning": "on",
                    },
                    allow_redirects=False,
                    timeout=10,
                )
                if sent.status_code == 302 and sent.headers["Location"].endswith("/thank-you/"):
                    answered.append(text)
                    if after_restart.is_set():
                        after.append(text)
                else:
                    failed.append(f"{text} status {sent.status_code}")
            except (requests.RequestException, ValueError) as exc:
                failed.append(f"{text} {type(exc).__name__}")
                time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(4)
    before_kill = len(answered)
    app["server"].kill()
    killed_at = time.monotonic()
    time.sleep(2)
    app["server"].start()
    assert time.monotonic() - killed_at < 30
    after_restart.set()
    # allauth's rate-limit lock, left behind by requests cut off by the crash, expires after
    # 10 seconds; until then posts get the "try again" answer (and lose nothing).
    time.sleep(15)
    stop.set()
    for t in threads:
        t.join(timeout=30)

    assert before_kill > 0, "nothing was saved before the kill"
    assert after, "the app did not recover after the database came back"
    with psycopg.connect(app["server"].url.replace("postgres://", "postgresql://")) as conn:
        saved = {
            row[0]
            for row in conn.execute(
                "SELECT text FROM engagement_story WHERE text LIKE 'restart-test story %%'"
            )
        }
    missing = [t for t in answered if t not in saved]
    assert missing == [], f"{len(missing)} stories answered with success are missing"
    assert len(saved) >= len(answered)
