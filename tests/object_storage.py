"""A local S3-compatible server (moto's, on 127.0.0.1) with the project's bucket, and the
STORAGES that config/settings makes of its environment variables."""

import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager, suppress

import boto3

BUCKET = "common-ground-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_bucket():
    """Yields {"env": the OBJECT_STORAGE_* variables, "client": a boto3 client}."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        "OBJECT_STORAGE_BUCKET": BUCKET,
        "OBJECT_STORAGE_ENDPOINT": f"http://127.0.0.1:{port}",
        "OBJECT_STORAGE_REGION": "eu-west-2",
        "OBJECT_STORAGE_ACCESS_KEY": "test-access",
        "OBJECT_STORAGE_SECRET_KEY": "test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["OBJECT_STORAGE_ENDPOINT"],
        region_name="eu-west-2",
        aws_access_key_id="test-access",
        aws_secret_access_key="test-secret",
    )
    # moto keeps its buckets per process: an earlier server in this run may have made it.
    with suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
    try:
        yield {"env": env, "client": client}
    finally:
        server.stop()


def keys(client, prefix="") -> list[str]:
    """Every key in the bucket under ``prefix``."""
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def storages_from_settings(env) -> dict:
    """STORAGES as config/settings reads it with these environment variables (a fresh
    interpreter, so nothing of this test run's settings leaks in)."""
    code = (
        "import json; from config.settings import base; "
        "print(json.dumps({'STORAGES': base.STORAGES, "
        "'GUIDE_SITES_IN_STORAGE': base.GUIDE_SITES_IN_STORAGE, "
        "'OBJECT_STORAGE_CLIENT': base.OBJECT_STORAGE_CLIENT}, default=str))"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        env={**os.environ, **env, "SECRET_KEY": "x"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(out.stdout)
    # The client's botocore Config does not survive JSON: made again from what it was made of.
    from botocore.config import Config

    for storage in found["STORAGES"].values():
        if "client_config" in storage.get("OPTIONS", {}):
            storage["OPTIONS"]["client_config"] = Config(**found["OBJECT_STORAGE_CLIENT"])
    return found
