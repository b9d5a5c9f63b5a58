"""A production-like Sentra on loopback for the load script and the drills: a scratch
PostgreSQL database with the demo data, gunicorn (gunicorn.conf.py), a Celery worker and
beat, and a private redis-server on a spare port (never the shared Redis on 6379, which
the drills stop and freeze).

    .venv/bin/python bench/stack.py            # start, print the URL, wait for Ctrl-C
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001, S110  (not up yet)
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {timeout:g}s")
        time.sleep(0.2)


class Stack:
    def __init__(self, *, database: str = "sentra_bench_stack", lease: int = 20):
        self.database = database
        self.scratch = Path(tempfile.mkdtemp(prefix="sentra-stack-"))
        self.redis_port = spare_port()
        self.web_port = spare_port()
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ALLOW_PLAIN_HTTP": "1",  # loopback HTTP: no TLS in front of the bench stack
            "DATABASE_URL": f"{PG}/{database}",
            "REDIS_URL": self.redis_url,
            "PRIVATE_STORAGE_ROOT": str(self.scratch / "private"),
            "REPORT_LEASE_SECONDS": str(lease),
            "LOG_LEVEL": "WARNING",
        }
        self.processes: dict[str, subprocess.Popen] = {}

    # --- the parts ---------------------------------------------------------------------
    def manage(self, *args: str) -> None:
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare_database(self) -> None:
        admin = f"{PG}/postgres"
        for statement in (
            f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            f'CREATE DATABASE "{self.database}"',
        ):
            subprocess.run(["psql", "-q", "-d", admin, "-c", statement], check=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("seed_demo", "--force")

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.scratch / f"{name}.log", "ab")  # noqa: SIM115  (lives with the process)
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        self.processes[name] = process
        return process

    def start_redis(self) -> None:
        self._start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.scratch)],
        )
        wait_for(lambda: self.redis_ping(), timeout=10, what="redis-server")

    def redis_ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5) as s:
            s.settimeout(0.5)
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")

    def start_web(self) -> None:
        self._start(
            "gunicorn",
            [PYTHON, "-m", "gunicorn", "sentra.wsgi", "-c", "gunicorn.conf.py"]
            + ["--bind", f"127.0.0.1:{self.web_port}"],
        )
        wait_for(
            lambda: urllib.request.urlopen(f"{self.url}/healthz", timeout=2).status in (200,),
            timeout=60,
            what="gunicorn",
        )

    def start_worker(self) -> subprocess.Popen:
        return self._start(
            "worker",
            [PYTHON, "-m", "celery", "-A", "sentra", "worker", "-Q", "reports,bulk,default"]
            + ["-c", "1", "--without-gossip", "--without-mingle", "-l", "warning"],
        )

    def start_beat(self) -> None:
        self._start(
            "beat",
            [PYTHON, "-m", "celery", "-A", "sentra", "beat", "-l", "warning"]
            + ["--schedule", str(self.scratch / "beat-schedule")],
        )

    def signal(self, name: str, sig: int) -> None:
        os.killpg(self.processes[name].pid, sig)

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGCONT)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def up(self, *, prepare: bool = True) -> "Stack":
        if prepare:
            self.prepare_database()
        self.start_redis()
        self.start_web()
        self.start_worker()
        self.start_beat()
        return self

    def down(self) -> None:
        for name in list(self.processes):
            self.stop(name)


if __name__ == "__main__":
    stack = Stack().up()
    print(f"Sentra at {stack.url} (redis {stack.redis_url}, logs in {stack.scratch}); Ctrl-C")
    try:
        signal.pause()
    finally:
        stack.down()
