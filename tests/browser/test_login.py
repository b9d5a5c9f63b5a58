from playwright.sync_api import expect

from tests.browser.conftest import HOME, at, log_in, submit_login


def test_peksos1_logs_in_and_sees_the_home_page_in_indonesian(phone, demo_accounts):
    log_in(phone, "peksos1")
    expect(phone.locator("html")).to_have_attribute("lang", "id")
    expect(phone.get_by_role("heading", name="Selamat datang, Siti Rahmawati")).to_be_visible()
    expect(phone.get_by_text("Sentra Alyatama").first).to_be_visible()


def test_wrong_password_shows_an_indonesian_message(phone, demo_accounts):
    submit_login(phone, "peksos1", password="bukan-kata-sandinya")
    expect(phone.get_by_text("dan sandi yang benar", exact=False)).to_be_visible()
    expect(phone).to_have_url(at("/accounts/login/"))  # not let in


def test_language_switch_turns_the_page_english(phone, demo_accounts):
    log_in(phone, "peksos1")
    expect(phone.get_by_role("heading", name="Selamat datang, Siti Rahmawati")).to_be_visible()
    phone.select_option("#language-switch", "en")
    expect(phone.get_by_role("heading", name="Welcome, Siti Rahmawati")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone).to_have_url(HOME)
