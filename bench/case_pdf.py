"""Time and peak memory of laying out case notes with WeasyPrint: the whole list in one
document against parts of `reports.case_report.NOTES_PER_PART` (what the case report does).
Each measurement runs in a fresh process so its peak RSS is its own.

    DEBUG=1 .venv/bin/python bench/case_pdf.py            # 50, 500 and 2000 notes
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NARRATIVE = (
    "Kunjungan rumah: klien tinggal bersama neneknya, makan dua kali sehari, belum bersekolah "
    "sejak semester lalu. Disepakati pendampingan ke sekolah minggu depan. "
) * 3


def measure(notes: int, per_part: int) -> None:
    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")
    django.setup()
    import logging  # noqa: PLC0415

    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # not its page-by-page log
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from django.utils import timezone  # noqa: PLC0415

    from reports import rendering  # noqa: PLC0415

    rows = [
        SimpleNamespace(
            occurred_at=timezone.now(),
            get_kind_display=lambda: "Kunjungan rumah",
            is_confidential=False,
            narrative=NARRATIVE,
        )
        for _ in range(notes)
    ]
    started = time.monotonic()
    for start in range(0, notes, per_part):
        html = rendering.render_html(
            "reports/pdf/case_notes_annex.html",
            {
                "header": "bench",
                "case": SimpleNamespace(number="BENCH"),
                "notes": rows[start : start + per_part],
                "annex": 1,
                "annexes": 1,
            },  # noqa: E501
        )
        rendering.html_to_pdf(html)
    seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{notes:>6} {per_part:>9} {seconds:>8.1f} {peak_mb:>8.0f}")


def main() -> None:
    if len(sys.argv) == 3:
        measure(int(sys.argv[1]), int(sys.argv[2]))
        return
    per_part_source = (ROOT / "reports" / "case_report.py").read_text()
    NOTES_PER_PART = int(per_part_source.split("NOTES_PER_PART = ")[1].split()[0])  # noqa: N806
    print(f"{'notes':>6} {'per part':>9} {'seconds':>8} {'peak MB':>8}")
    for notes in (50, 500, 2000):
        for per_part in sorted({notes, NOTES_PER_PART}):
            subprocess.run([sys.executable, __file__, str(notes), str(per_part)], check=True)


if __name__ == "__main__":
    main()
