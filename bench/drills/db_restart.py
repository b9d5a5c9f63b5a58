"""The database-restart drill, on a PostgreSQL cluster of its own (initdb + pg_ctl on a
spare port; the shared server on 5432 is never restarted). A logged-in user keeps asking
for pages while the cluster restarts; the drill counts 500s once it is back (there must be
none: CONN_HEALTH_CHECKS) and the worst request time.

    .venv/bin/python bench/drills/db_restart.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.stack import spare_port  # noqa: E402

PG_BIN = Path(shutil.which("pg_ctl") or "/usr/lib/postgresql/15/bin/pg_ctl").resolve().parent


def main() -> None:
    cluster = Path(tempfile.mkdtemp(prefix="sentra-drill-pg-"))
    port = spare_port()
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(cluster / "data"), "-w"]
    options = f"-p {port} -k {cluster} -c listen_addresses=127.0.0.1"
    as_postgres = [] if os.geteuid() else ["runuser", "-u", "postgres", "--"]
    if as_postgres:
        shutil.chown(cluster, "postgres")
    subprocess.run(
        [*as_postgres, str(PG_BIN / "initdb"), "-D", str(cluster / "data"), "-U", "postgres"]
        + ["-A", "trust"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([*as_postgres, *pg_ctl, "-o", options, "-l", str(cluster / "pg.log"), "start"])
    os.environ["BENCH_PG"] = f"postgres://postgres@127.0.0.1:{port}"
    from bench.load import Session  # noqa: PLC0415  (after BENCH_PG is set)
    from bench.stack import Stack  # noqa: PLC0415  (after BENCH_PG is set)

    stack = Stack(database="sentra_drill_restart")
    statuses: list[tuple[float, int, float]] = []
    try:
        stack.prepare_database()
        stack.start_redis()
        stack.start_web()
        session = Session(stack.url, lambda *_: None)
        session.login("peksos1")
        stop = threading.Event()

        def browse() -> None:
            while not stop.is_set():
                started = time.monotonic()
                session.request("page", "/cases/")
                statuses.append((started, session.last_status, time.monotonic() - started))
                time.sleep(0.2)

        browser = threading.Thread(target=browse)
        browser.start()
        time.sleep(3)
        down = time.monotonic()
        subprocess.run([*as_postgres, *pg_ctl, "-m", "fast", "-o", options, "restart"], check=True)
        back = time.monotonic()
        time.sleep(10)
        stop.set()
        browser.join()
    finally:
        stack.down()
        subprocess.run([*as_postgres, *pg_ctl, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(cluster, ignore_errors=True)
    during = [s for t, s, _ in statuses if down <= t < back]
    after = [s for t, s, _ in statuses if t >= back]
    worst_after = max((d for t, _, d in statuses if t >= back), default=0)
    print(f"{'drill':<26} {'requests':>8} {'5xx during':>10} {'5xx after':>9} {'worst ms':>8}")
    print(
        f"{'database restart':<26} {len(statuses):>8} {sum(s >= 500 for s in during):>10} "
        f"{sum(s >= 500 or s == 0 for s in after):>9} {worst_after * 1000:>8.0f}"
    )
    print(f"restart took {back - down:.1f} s; statuses after: {sorted(set(after))}")


if __name__ == "__main__":
    main()
