import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from site_content.links import site_host


class Command(BaseCommand):
    help = (
        "Print an nginx server block for this installation: TLS, /healthz over plain HTTP, "
        "static files from STATIC_ROOT, public media (image renditions only), "
        "client_max_body_size from UPLOAD_REQUEST_MAX_BYTES, the proxy headers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--server-name", help="default: the host name of SITE_URL")
        parser.add_argument("--upstream", default="127.0.0.1:8000", help="where gunicorn is")
        parser.add_argument("--certificate", help="default: Let's Encrypt's path for the host")
        parser.add_argument("--certificate-key")
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--no-ipv6", action="store_true", help="listen on IPv4 only")

    def handle(self, *args, **options):
        name = options["server_name"] or site_host()
        live = f"/etc/letsencrypt/live/{name}"
        https_port = options["https_port"]
        self.stdout.write(
            render_to_string(
                "site_content/deploy/nginx.conf",
                {
                    "server_name": name,
                    "upstream": options["upstream"],
                    "certificate": options["certificate"] or f"{live}/fullchain.pem",
                    "certificate_key": options["certificate_key"] or f"{live}/privkey.pem",
                    "http_port": options["http_port"],
                    "https_port": https_port,
                    "ipv6": not options["no_ipv6"],
                    "https_port_suffix": "" if https_port == 443 else f":{https_port}",
                    "body_bytes": settings.UPLOAD_REQUEST_MAX_BYTES,
                    "body_mib": math.ceil(settings.UPLOAD_REQUEST_MAX_BYTES / 2**20),
                    "static_root": str(Path(settings.STATIC_ROOT)).rstrip("/"),
                    "media_root": str(Path(settings.MEDIA_ROOT)).rstrip("/"),
                },
            ),
            ending="",
        )
