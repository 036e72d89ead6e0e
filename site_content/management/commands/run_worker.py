"""python manage.py run_worker: the background worker. Runs the tasks the site enqueues
(django-tasks-db's db_worker), and every few seconds enqueues the periodic tasks that are
due. Start one or more per installation (deploy/systemd/common-ground-worker.service)."""

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from site_content.background.periodic import enqueue_due

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run background tasks as they are enqueued, and enqueue periodic tasks when due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Enqueue what is due, run every task that is waiting, then stop.",
        )
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Only run tasks (when another host runs the periodic ones; harmless either way).",
        )
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--periodic-interval", type=float, default=15.0)

    def handle(self, *args, batch, no_periodic, interval, periodic_interval, **options):
        worker_options = {"interval": interval, "reload": False, "verbosity": options["verbosity"]}
        if batch:
            if not no_periodic:
                enqueue_due()
            call_command("db_worker", batch=True, startup_delay=False, **worker_options)
            return
        stop = threading.Event()
        if not no_periodic:
            scheduler = threading.Thread(
                target=self.schedule, args=(stop, periodic_interval), daemon=True
            )
            scheduler.start()
        try:
            call_command("db_worker", **worker_options)
        finally:
            stop.set()

    def schedule(self, stop: threading.Event, every: float) -> None:
        while not stop.is_set():
            try:
                close_old_connections()
                enqueue_due()
            except Exception:  # a database outage must not end the scheduler
                log.exception("Could not enqueue the periodic tasks; trying again")
            stop.wait(every)
        connection.close()
