from tests.browser.conftest import log_in


def test_peksos1_logs_in_and_sees_the_home_page_in_indonesian(phone, demo_accounts):
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert phone.get_by_role("heading", name="Selamat datang, Siti Rahmawati").is_visible()
    assert phone.get_by_text("Sentra Alyatama").first.is_visible()


def test_wrong_password_shows_an_indonesian_message(phone, demo_accounts):
    log_in(phone, "peksos1", password="bukan-kata-sandinya")
    assert phone.get_by_text("dan sandi yang benar", exact=False).is_visible()


def test_language_switch_turns_the_page_english(phone, demo_accounts):
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    with phone.expect_navigation():
        phone.select_option("#language-switch", "en")
    assert phone.get_by_role("heading", name="Welcome, Siti Rahmawati").is_visible()
