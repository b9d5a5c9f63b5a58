"""peksos1 on a phone registers a client without papers, adds a guardian and a
document, then is warned when registering the same person again."""

import io

from PIL import Image
from playwright.sync_api import expect

from clients.models import Client
from tests.browser.conftest import UUID, at, flash, log_in

CLIENT_PAGE = at(f"/clients/{UUID}/")


def test_register_without_papers_add_guardian_and_document_then_catch_duplicate(
    phone, demo_accounts, tmp_path
):
    log_in(phone, "peksos1")
    phone.goto("/clients/register/")
    phone.locator("#id_full_name").fill("Sumarni Wulandari")
    phone.locator("#id_sex").select_option("P")
    phone.locator("#id_estimated_age").fill("12")
    phone.get_by_role("button", name="Daftarkan").click()

    expect(phone).to_have_url(CLIENT_PAGE)
    client_page = phone.url
    expect(phone.get_by_role("heading", name="Sumarni Wulandari")).to_be_visible()
    expect(phone.get_by_text("Tanpa dokumen identitas")).to_be_visible()

    phone.locator("#family").get_by_role("link", name="Tambah").click()
    phone.locator("#id_name").fill("Ibu Warsini")
    phone.locator("#id_relationship").select_option("mother")
    phone.locator("#id_is_guardian").check()
    phone.locator("#id_phone").fill("0812 3456 7890")
    phone.get_by_role("button", name="Simpan").click()
    expect(flash(phone, "Data keluarga tersimpan")).to_be_visible()
    expect(phone).to_have_url(client_page)
    guardian = phone.locator("#family li", has_text="Ibu Warsini")
    expect(guardian).to_contain_text("Wali")

    scan = tmp_path / "akta.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, format="PNG")
    scan.write_bytes(buffer.getvalue())
    phone.locator("#documents").get_by_role("link", name="Unggah").click()
    phone.locator("#id_kind").select_option("birth_certificate")
    phone.locator("#id_file").set_input_files(str(scan))
    phone.get_by_role("button", name="Simpan").click()
    expect(flash(phone, "Dokumen diunggah")).to_be_visible()
    expect(phone).to_have_url(client_page)
    expect(phone.locator("#documents").get_by_role("link", name="Akta kelahiran")).to_be_visible()

    phone.goto("/clients/register/")
    phone.locator("#id_full_name").fill("Sumarni Wulandari")
    phone.locator("#id_sex").select_option("P")
    phone.locator("#id_estimated_age").fill("12")
    phone.get_by_role("button", name="Daftarkan").click()
    warning = phone.locator("#duplicates")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Sumarni Wulandari")
    expect(phone).to_have_url(at("/clients/register/"))
    # Nothing typed is lost: the form still holds the name.
    expect(phone.locator("#id_full_name")).to_have_value("Sumarni Wulandari")
    # No second record until the worker confirms it is someone else.
    assert Client.objects.filter(full_name="Sumarni Wulandari").count() == 1
    # Nothing sticks out sideways on a phone (a layout measure: no auto-waiting form of it,
    # so it is taken once the warning is on screen).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
