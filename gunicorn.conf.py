"""Production gunicorn settings (`gunicorn sentra.wsgi -c gunicorn.conf.py`), chosen from
bench/load.py figures: see docs/operations.md "Load". Sync workers: requests are short
(no request waits on the broker; PDFs render in Celery), so threads or async workers buy
nothing but complexity; 2 x cores + 1 workers keep both cores busy while one waits on
PostgreSQL. Override any of these with GUNICORN_CMD_ARGS or WEB_CONCURRENCY."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is a bug or a hung dependency: kill the worker.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Load (and warm, sentra/wsgi.py) the application once in the master: every worker forked
# from it, at start or after recycling, serves its first request warm.
preload_app = True
# Recycle workers now and then (memory growth in long-lived processes), staggered.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
