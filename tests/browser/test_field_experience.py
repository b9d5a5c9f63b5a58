"""Every page type, as every role, at phone and laptop width, on the seeded demo centre:
axe-core (vendored in static/vendor/axe-core) finds nothing serious or critical, nothing
scrolls sideways, and on a phone the home page starts with today's work."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, UUID, log_in

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}

# (user, path): "case" stands for the first case of the user's case list.
PAGES = {
    "peksos1": [
        "/",
        "/cases/",
        "case",
        "case-note",
        "/clients/",
        "/residence/",
        "/activities/",
    ],
    "supervisor1": ["/", "/cases/reassign/", "/cases/reviews/", "case"],
    "admin1": [
        "/",
        "/reports/dashboard/",
        "/clients/categories/",
        "/staff/",
        "/audit/",
        "/cases/",
    ],
}


@pytest.fixture
def demo_centre(transactional_db, reference_data):
    call_command("seed_demo", "--force", stdout=io.StringIO())


def first_case(page) -> str:
    page.goto("/cases/")
    hrefs = page.locator("main a[href^='/cases/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    return next(h for h in hrefs if re.fullmatch(rf"/cases/{UUID}/", h))


def serious_violations(page) -> list[str]:
    # Loaded from the site itself: the Content-Security-Policy forbids inline scripts.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return found


def test_every_page_type_passes_axe_and_fits_the_screen(browser, live_server, demo_centre):
    # One test for both widths: seeding the demo centre is the slow part.
    problems = []
    for viewport in (PHONE, LAPTOP):
        for user, paths in PAGES.items():
            context = browser.new_context(
                viewport=viewport, locale="id-ID", base_url=live_server.url
            )
            context.set_default_timeout(TIMEOUT_MS)
            # About seventy page loads with axe on each: a busy CI machine gets more time
            # per load than a single journey's step.
            context.set_default_navigation_timeout(3 * TIMEOUT_MS)
            page = context.new_page()
            log_in(page, user)
            for path in paths:
                if path == "case":
                    path = first_case(page)
                elif path == "case-note":
                    path = first_case(page) + "notes/new/"
                page.goto(path, wait_until="networkidle")
                where = f"{viewport['width']}px {user} {path}"
                sideways = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if sideways > 0:
                    problems.append(f"{where}: scrolls sideways by {sideways}px")
                problems += [f"{where}: {v}" for v in serious_violations(page)]
            context.close()
    assert not problems, "\n".join(problems)


def test_the_phone_pages_lead_with_todays_work_and_the_laptop_nav_fits(
    browser, phone, live_server, demo_centre
):
    # The worker's home: today's tasks on the first screen, the caseload after them,
    # folded by stage; the filter box finds a case.
    log_in(phone, "peksos1")
    first_task = phone.locator("#tasks-due li").first
    expect(first_task).to_be_visible()
    assert first_task.bounding_box()["y"] < PHONE["height"]
    caseload = phone.locator("#caseload")
    assert caseload.bounding_box()["y"] > first_task.bounding_box()["y"]
    rows = caseload.locator("li")
    expect(rows.first).to_be_hidden()
    name = rows.first.locator(".fw-semibold").text_content().split("\n")[0].strip()
    phone.get_by_label("Saring menurut nama atau nomor").fill(name)
    expect(caseload.locator("li", has_text=name).first).to_be_visible()
    expect(phone.locator("#main-nav a.nav-link[href='/']")).to_have_attribute(
        "aria-current", "page"
    )

    # The case page: its actions stay on screen while the notes scroll by.
    phone.goto(first_case(phone))
    add_note = phone.locator("#case-actions").get_by_role("link", name="Tambah catatan")
    expect(add_note).to_be_in_viewport()
    phone.mouse.wheel(0, 1500)
    expect(add_note).to_be_in_viewport()
    phone.locator("#case-actions").get_by_role("link", name="Pindah tahap").click()
    expect(phone.locator("#move button[type=submit]")).to_be_in_viewport()

    # The admin's navigation fits one line on a laptop, its reference pages in one menu.
    context = browser.new_context(viewport=LAPTOP, locale="id-ID", base_url=live_server.url)
    page = context.new_page()
    log_in(page, "admin1")
    page.goto("/staff/")
    assert page.locator("nav.navbar").bounding_box()["height"] < 70
    menu = page.get_by_role("button", name="Administrasi")
    expect(menu).to_have_attribute("aria-current", "true")
    menu.click()
    expect(page.get_by_role("link", name="Staf")).to_have_attribute("aria-current", "page")
    context.close()
