"""peksos1 on a phone registers a client without papers, adds a guardian and a
document, then is warned when registering the same person again."""

import io

from PIL import Image

from tests.browser.conftest import log_in


def test_register_without_papers_add_guardian_and_document_then_catch_duplicate(
    phone, demo_accounts, tmp_path
):
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    phone.goto("/clients/register/")
    phone.locator("#id_full_name").fill("Sumarni Wulandari")
    phone.locator("#id_sex").select_option("P")
    phone.locator("#id_estimated_age").fill("12")
    phone.get_by_role("button", name="Daftarkan").click()

    phone.wait_for_url("**/clients/*-*/")
    assert phone.get_by_role("heading", name="Sumarni Wulandari").is_visible()
    assert phone.get_by_text("Tanpa dokumen identitas").is_visible()

    phone.locator("#family").get_by_role("link", name="Tambah").click()
    phone.locator("#id_name").fill("Ibu Warsini")
    phone.locator("#id_relationship").select_option("mother")
    phone.locator("#id_is_guardian").check()
    phone.locator("#id_phone").fill("0812 3456 7890")
    phone.get_by_role("button", name="Simpan").click()
    phone.wait_for_url("**/clients/*-*/")
    assert phone.get_by_text("Ibu Warsini").is_visible()

    scan = tmp_path / "akta.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, format="PNG")
    scan.write_bytes(buffer.getvalue())
    phone.locator("#documents").get_by_role("link", name="Unggah").click()
    phone.locator("#id_kind").select_option("birth_certificate")
    phone.locator("#id_file").set_input_files(str(scan))
    phone.get_by_role("button", name="Simpan").click()
    phone.wait_for_url("**/clients/*-*/")
    assert phone.locator("#documents").get_by_text("Akta kelahiran").is_visible()

    phone.goto("/clients/register/")
    phone.locator("#id_full_name").fill("Sumarni Wulandari")
    phone.locator("#id_sex").select_option("P")
    phone.locator("#id_estimated_age").fill("12")
    phone.get_by_role("button", name="Daftarkan").click()
    warning = phone.locator("#duplicates")
    assert warning.is_visible()
    assert "Sumarni Wulandari" in warning.inner_text()
    # Nothing typed is lost: the form still holds the name.
    assert phone.locator("#id_full_name").input_value() == "Sumarni Wulandari"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
