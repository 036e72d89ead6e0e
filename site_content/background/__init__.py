"""Background tasks on a worker: retries with back-off, periodic tasks, and what the admin
shows of the queue. The tasks themselves live in the apps they belong to (``tasks.py``)."""
