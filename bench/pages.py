"""Page figures at phone width: prints, asserts nothing.

    make demo                      # or any server running the seeded demo data
    .venv/bin/python bench/pages.py [--base http://127.0.0.1:8000] [--width 360] [--json out.json]

Logs in as each demo user in Debian's Chromium and prints, for every page type that user
reaches: the document height, the horizontal overflow (px the page scrolls sideways),
the tap targets smaller than 44 px (buttons, form fields and links that stand on their
own; links inside running text are exempt, as in WCAG 2.5.8), the bytes transferred on a
cold load, the axe-core serious/critical violations (when static/vendor/axe-core is there),
and where the page's key content starts (its top, in px from the top of the document).
"""

import argparse
import json
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "sentra-demo-2026"  # noqa: S105  (the published demo password)
AXE = Path(__file__).resolve().parents[1] / "static/vendor/axe-core/axe.min.js"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# (user, page name, path or a callable finding it, {key content name: CSS selector})
PAGES = [
    (
        "peksos1",
        "home",
        "/",
        {
            "first task": "form[action*='/tasks/'][action$='/done/']",
            "caseload": "#caseload",
        },
    ),
    ("peksos1", "case list", "/cases/", {}),
    (
        "peksos1",
        "case",
        "case",
        {"add note": "a[href$='/notes/new/']", "move stage": "form[action$='/move/']"},
    ),
    ("peksos1", "note form", "note", {"narrative": "textarea"}),
    ("peksos1", "client list", "/clients/", {}),
    ("peksos1", "residence", "/residence/", {}),
    ("peksos1", "activities", "/activities/", {}),
    (
        "supervisor1",
        "home",
        "/",
        {
            "overdue task": "#overdue-tasks li, h2:has-text('Tugas terlambat')",
            "reassign link": "a[href*='reassign/?worker=']",
        },
    ),
    ("supervisor1", "reassign", "/cases/reassign/", {}),
    ("supervisor1", "reviews", "/cases/reviews/", {}),
    ("admin1", "home", "/", {"cases by stage": "#cases-by-stage"}),
    ("admin1", "dashboard", "/reports/dashboard/", {"first chart": "svg"}),
    ("admin1", "categories", "/clients/categories/", {}),
    ("admin1", "staff", "/staff/", {}),
    ("admin1", "audit", "/audit/", {}),
]

MEASURE = """() => {
  const doc = document.documentElement;
  const small = [];
  const standalone = el => {
    if (el.tagName !== 'A') return true;
    const style = getComputedStyle(el);
    return style.display !== 'inline' || el.classList.contains('btn')
      || el.classList.contains('nav-link');
  };
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    let target = r;
    // A checkbox or radio counts with its label when the label is the tap target.
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels[0]) {
      const l = el.labels[0].getBoundingClientRect();
      target = {height: Math.max(r.height, l.height), width: r.width + l.width};
    }
    if (standalone(el) && (target.height < 43.5 || target.width < 24)) small.push(el);
  }
  const bytes = performance.getEntriesByType('navigation').concat(
      performance.getEntriesByType('resource')).reduce((n, e) => n + (e.transferSize || 0), 0);
  return {height: doc.scrollHeight, overflow: doc.scrollWidth - doc.clientWidth,
          small: small.length, bytes};
}"""


def find_case(page) -> str:
    page.goto("/cases/")
    href = page.locator("main a[href^='/cases/']").evaluate_all(
        f"els => els.map(e => e.getAttribute('href')).filter(h => /^\\/cases\\/{UUID}\\/$/.test(h))"
    )
    return href[0]


def resolve(page, path: str) -> str:
    if path == "case":
        return find_case(page)
    if path == "note":
        return find_case(page) + "notes/new/"
    return path


def axe_counts(page) -> str:
    if not AXE.exists():
        return "-"
    # Loaded from the site itself: the Content-Security-Policy forbids inline scripts.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    return ",".join(f"{v['id']}:{v['nodes']}" for v in bad) or "0"


def run(base: str, width: int) -> list[dict]:
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        by_user: dict[str, object] = {}
        for user, name, path, keys in PAGES:
            if user not in by_user:
                context = browser.new_context(
                    viewport={"width": width, "height": 740}, locale="id-ID", base_url=base
                )
                page = context.new_page()
                page.goto("/accounts/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_url(base + "/")
                by_user[user] = context
            context = by_user[user]
            # A cold load: a new page with the cache bypassed, so every byte is counted.
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_())
            url = resolve(page, path)
            page.goto(url, wait_until="networkidle")
            figures = page.evaluate(MEASURE)
            positions = {}
            for key, selector in keys.items():
                loc = page.locator(selector).first
                if loc.count():
                    box = loc.evaluate(
                        "el => { const r = el.getBoundingClientRect();"
                        " return Math.round(r.top + window.scrollY); }"
                    )
                    positions[key] = box
                else:
                    positions[key] = None
            rows.append(
                {
                    "user": user,
                    "page": name,
                    **figures,
                    "axe": axe_counts(page),
                    "positions": positions,
                }
            )
            page.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    rows = run(args.base, args.width)
    print(f"At {args.width} px ({args.base})")
    heading = f"{'user':12} {'page':12} {'height':>7} {'overflow':>8} {'<44px':>6} {'KB':>6}"
    print(f"{heading}  axe / key content")
    for r in rows:
        where = ", ".join(f"{k} @{v}" for k, v in r["positions"].items())
        print(
            f"{r['user']:12} {r['page']:12} {r['height']:7} {r['overflow']:8} {r['small']:6}"
            f" {r['bytes'] / 1024:6.0f}  axe {r['axe']}{'; ' + where if where else ''}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
