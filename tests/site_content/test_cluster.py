"""Beyond one machine (issue #16), tested as a cluster: two app servers (gunicorn, A and B)
and one background worker, all with production settings, one PostgreSQL database and one
S3-compatible bucket (moto's server), as the README's two-server layout runs them. What one
server takes in, the other serves, and what needs one answer across both gets one.

- A story with a voice recording is told on A; a moderator signed in (password and second
  factor) approves it on B; B hands the recording back, byte for byte, through the
  permission check; the file is in the bucket, not on either server's disk.
- Twice as many people as there are places register for an event at the same moment, half
  through A and half through B: exactly the event's places are confirmed, the rest wait, and
  the worker sends each person the one email that says which.
- A guide published from A's admin is built by the worker into the bucket and read from B,
  which has no copy on its disk.

The cluster is started once for the module (``cluster``); a new scenario takes it and talks
to ``cluster.a`` and ``cluster.b``. It needs the PostgreSQL programs, so it runs in CI's
PostgreSQL pass and is skipped where they are missing (tests/servers.py)."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import servers
from tests.object_storage import keys, moto_bucket

pytestmark = servers.NEEDS_POSTGRES

PASSWORD = "cluster-test password, never on a real site"  # noqa: S105
MODERATOR = "moderator@example.org"
CAPACITY = 5

# Made once, before the servers start: the inquiry (tests/servers.py), a moderator (a
# superuser, so staff: verified address, authenticator app enrolled) and an event.
SETUP = (
    servers.INQUIRY_SETUP
    + f"""
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils import timezone
from events.models import LONDON, EventPage
moderator = get_user_model().objects.create_superuser(email={MODERATOR!r}, password={PASSWORD!r})
EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
secret = generate_totp_secret()
TOTP.activate(moderator, secret)
print("SECRET", secret)
day = timezone.localdate() + datetime.timedelta(days=10)
start = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
event = EventPage(title="Design day", slug="design-day", kind="design_day",
    purpose="Plan together.", starts_at=start, ends_at=start + datetime.timedelta(hours=5),
    capacity={CAPACITY})
programme.add_child(instance=event)
event.save_revision().publish()
print("EVENT", event.pk)
"""
)


@dataclass
class Cluster:
    """The running cluster: the two app servers' base URLs, the environment every process
    shares, the database and the bucket, and what SETUP made (``made["INQUIRY"]`` ...)."""

    a: str
    b: str
    env: dict
    database: servers.PostgresServer
    bucket: dict
    made: dict[str, str] = field(default_factory=dict)

    def shell(self, code: str) -> str:
        """Python run in `manage.py shell` with the cluster's settings; its output."""
        return servers.shell(self.env, code)

    def worker_log(self) -> str:
        return (self.disks["worker"] / "worker.log").read_text(errors="replace")

    @property
    def disks(self) -> dict[str, Path]:
        """Each machine's own folders (servers.on_its_own_disk): "a", "b" and "worker"."""
        return {name: self.database.root / name for name in ("a", "b", "worker")}


@pytest.fixture(scope="module")
def cluster():
    with moto_bucket() as bucket:
        database = servers.PostgresServer(prefix="cg-cluster-", durable=False)
        root: Path = database.root
        env = servers.production_env(database.url, root, **bucket["env"])
        processes = []
        try:
            made = servers.prepare_database(database, env, SETUP)
            bases = servers.start_app_servers(env, root, processes)
            (root / "worker").mkdir()
            worker_env = {**env, **servers.on_its_own_disk(root / "worker")}
            processes.append(servers.start_worker(worker_env, root / "worker" / "worker.log"))
            yield Cluster(
                a=bases[0],
                b=bases[1],
                env=env,
                database=database,
                bucket=bucket,
                made=dict(re.findall(r"^([A-Z]+) (\S+)$", made, re.MULTILINE)),
            )
        finally:
            servers.stop(*processes)
            database.stop()


@pytest.fixture(scope="module")
def moderator(cluster) -> servers.Visitor:
    """The moderator, signed in on A once for the module (a code from the authenticator app
    cannot be used twice)."""
    return signed_in_moderator(cluster, cluster.a)


def signed_in_moderator(cluster, base: str) -> servers.Visitor:
    """The moderator signs in on ``base`` as a person does: password, then a code from the
    authenticator app."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    moderator = servers.Visitor()
    sent = moderator.send_form(
        f"{base}/accounts/login/", {"login": MODERATOR, "password": PASSWORD}
    )
    assert sent.status_code == 302 and "/2fa/authenticate/" in sent.headers["Location"]
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(cluster.made["SECRET"], counter))
    sent = moderator.send_form(f"{base}/accounts/2fa/authenticate/", {"code": code})
    assert sent.status_code == 302, "the second factor was refused"
    return moderator


def test_a_recording_told_on_a_is_moderated_and_heard_on_b(cluster, moderator):
    from tests.engagement.stories.test_stories import wav_bytes

    recording = wav_bytes()
    inquiry = cluster.made["INQUIRY"]
    text = "The nurse sang to my mother; here is how it went."
    sent = servers.Visitor().send_form(
        f"{cluster.a}/stories/{inquiry}/tell/",
        servers.story(text),
        files={"recording": ("voice.wav", recording, "audio/wav")},
    )
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/thank-you/")
    [(pk, name, status)] = cluster.database.rows(
        "SELECT id, recording, status FROM engagement_story WHERE text = %s", text
    )
    assert name and status == "received"
    # In the bucket, under private/; on no machine's disk.
    assert f"private/{name}" in keys(cluster.bucket["client"], "private/")
    assert not [p for disk in cluster.disks.values() for p in disk.rglob("*.wav")]

    # Signed in on A, the moderator's session works on B too (sessions live in the database).
    file_url = f"{cluster.b}/workspace/inquiries/{inquiry}/stories/{pk}/recording/"
    assert moderator.get(file_url).status_code == 404  # not approved yet: nobody reads it
    for action in ("in_review", "learning_only"):
        moved = moderator.send_form(f"{cluster.b}/admin/stories/{pk}/", {"action": action})
        assert moved.status_code == 302, f"moving the story to {action} was refused"
    assert cluster.database.rows("SELECT status FROM engagement_story WHERE id = %s", pk) == [
        ("learning_only",)
    ]

    heard = moderator.get(file_url)
    assert heard.status_code == 200
    assert heard.content == recording
    # Someone not signed in gets nothing of it.
    stranger = servers.Visitor().get(file_url)
    assert stranger.status_code != 200 and recording not in stranger.content


def _race(cluster, people, url_of, data_of) -> dict:
    """Each of ``people`` opens their page on one of the two servers (in turn), then all post
    their form at the same moment; returns each person's answer (a status, or what failed)."""
    import requests

    start = threading.Barrier(people)
    answers: dict[str, int | str] = {}

    def post(n):
        email = f"person{n}@example.org"
        url = url_of(cluster.a if n % 2 else cluster.b, n, email)
        visitor = servers.Visitor()
        try:
            token = servers.CSRF.search(visitor.get(url).text).group(1)
            start.wait(timeout=60)
            sent = visitor.post(url, {"csrfmiddlewaretoken": token, **data_of(n, email)})
            answers[email] = sent.status_code
        except (requests.RequestException, AttributeError, threading.BrokenBarrierError) as exc:
            answers[email] = type(exc).__name__

    threads = [threading.Thread(target=post, args=(n,)) for n in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def test_registrations_racing_through_both_servers_take_exactly_the_places(cluster):
    event = cluster.made["EVENT"]
    people = 2 * CAPACITY + 2
    everyone = {f"person{n}@example.org": 302 for n in range(people)}
    booked = _race(
        cluster,
        people,
        lambda base, n, email: f"{base}/events/{event}/register/",
        lambda n, email: {
            "name": f"Person {n}",
            "email": email,
            "taking_part_as": "carer",
            "companions": "0",
            "consent_to_contact": "on",
        },
    )
    assert booked == everyone
    # Typed by people not signed in, the bookings hold nothing until each is confirmed from
    # its emailed link: the confirmations race through both servers too.
    tokens = dict(
        cluster.database.rows(
            "SELECT email, token FROM events_registration WHERE event_id = %s AND "
            "status = 'pending'",
            int(event),
        )
    )
    assert len(tokens) == people
    confirmed_answers = _race(
        cluster,
        people,
        lambda base, n, email: f"{base}/events/registration/{tokens[email]}/",
        lambda n, email: {"action": "confirm"},
    )
    assert confirmed_answers == everyone

    statuses = dict(
        cluster.database.rows(
            "SELECT email, status FROM events_registration WHERE event_id = %s", int(event)
        )
    )
    confirmed = {e for e, s in statuses.items() if s == "confirmed"}
    waiting = {e for e, s in statuses.items() if s == "waiting"}
    assert len(statuses) == people
    assert len(confirmed) == CAPACITY
    assert len(waiting) == people - CAPACITY

    # The worker sends each person one email, saying which they got.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        emails = cluster.database.rows(
            'SELECT "to", subject, status FROM site_content_outgoingemail WHERE "to" LIKE '
            "'person%%@example.org'"
        )
        # Two each: the link to confirm, then the place or the waiting list.
        if len(emails) == 2 * people and all(status == "sent" for _, _, status in emails):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"the worker did not send the emails: {emails}\n{cluster.worker_log()}")
    assert {to for to, subject, _ in emails if subject.startswith("Your place at")} == confirmed
    assert {to for to, subject, _ in emails if "waiting list" in subject} == waiting


GUIDE_SETUP = """
from wagtail.models import Page
from guide.models import GuideChapterPage, GuidePage
home = Page.objects.get(depth=2)
guide = GuidePage(title="Cluster guide", slug="cluster-guide", introduction="Made in a test.")
home.add_child(instance=guide)
guide.save_revision().publish()
chapter = GuideChapterPage(title="Listening first", slug="listening-first",
    summary="How the design days began.",
    body=[("text", "<p>Every design day began with an hour of listening.</p>")])
guide.add_child(instance=chapter)
chapter.save_revision().publish()
print("GUIDE", guide.pk)
"""


def test_a_guide_published_from_a_is_read_from_b(cluster, moderator):
    """Published from A's admin, built by the worker into the bucket (a new prefix, then the
    pointer); B, which has no copy on its disk, serves it; a second build replaces it whole."""
    made = cluster.shell(GUIDE_SETUP)
    guide = re.search(r"GUIDE (\d+)", made).group(1)
    admin = moderator

    def publish() -> str:
        sent = admin.send_form(f"{cluster.a}/admin/guide/publish/{guide}/", {})
        assert sent.status_code == 302, "the publish screen refused"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            [(status, message)] = cluster.database.rows(
                "SELECT status, message FROM guide_guidebuild WHERE guide_id = %s "
                "ORDER BY created_at DESC LIMIT 1",
                int(guide),
            )
            if status in ("done", "failed"):
                break
            time.sleep(1)
        assert status == "done", f"the build did not finish: {status} {message}\n" + (
            cluster.worker_log()
        )
        [(prefix,)] = cluster.database.rows(
            "SELECT prefix FROM guide_publishedsite WHERE guide_id = %s", int(guide)
        )
        return prefix

    first = publish()
    assert f"guides/{first}/index.html" in keys(cluster.bucket["client"], "guides/")
    # Nothing of it on any machine's disk: B can only read it from the bucket.
    assert not [p for disk in cluster.disks.values() for p in disk.rglob("*.html")]
    reader = servers.Visitor()
    chapter = reader.get(f"{cluster.b}/guides/cluster-guide/chapters/listening-first.html")
    assert chapter.status_code == 200
    assert "Every design day began with an hour of listening." in chapter.text
    pdf = reader.get(f"{cluster.b}/guides/cluster-guide/guide.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "Cluster guide" in reader.get(f"{cluster.b}/guides/").text

    second = publish()
    assert second != first  # a new prefix, the pointer switched to it
    index = reader.get(f"{cluster.b}/guides/cluster-guide/")
    assert index.status_code == 200 and "Cluster guide" in index.text
