"""gunicorn settings for Common Ground (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Sizing: each sync worker serves one request at a time and holds about 150-250 MB once warm
(Wagtail, the admin, mkdocs when a guide is published). Start with 2 x CPU cores + 1 workers
and no more than (free memory - 512 MB) / 250 MB. Each worker keeps at most one database
connection, so PostgreSQL needs workers + the scheduled jobs + a few for the operator
(max_connections 100 is plenty for one or two app servers). WEB_CONCURRENCY overrides.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Publishing a guide from the admin runs within its request (django-tasks' immediate backend):
# give it time. nginx's proxy_read_timeout matches.
timeout = 300
graceful_timeout = 30
# Workers are replaced now and then, so memory one request grew is given back.
max_requests = 1000
max_requests_jitter = 100
# nginx on the same machine sets X-Forwarded-Proto; only it is believed.
forwarded_allow_ips = "127.0.0.1"
# Access log to stdout, errors (and the app's log, one line per repeated failure) to stderr:
# journald keeps both (`journalctl -u common-ground`).
accesslog = "-"
errorlog = "-"
