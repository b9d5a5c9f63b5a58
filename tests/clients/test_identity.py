from datetime import date

import pytest

from clients import identity

# Kota Jambi, Kecamatan Kota Baru (15.71.01); born 15 May 1990.
MAN = "1571011505900003"
WOMAN = "1571015505900003"  # day 15 + 40 = 55


@pytest.mark.parametrize("nik", [MAN, "1571 0115 0590 0003", "15.71.01.150590.0003"])
def test_a_valid_nik_is_accepted_in_any_common_spelling(nik):
    check = identity.check_nik(nik)
    assert check.errors == []
    assert check.nik == MAN
    assert (check.birth_date, check.sex) == (date(1990, 5, 15), "L")


def test_forty_is_added_to_the_day_for_women():
    check = identity.check_nik(WOMAN)
    assert check.errors == []
    assert (check.birth_date, check.sex) == (date(1990, 5, 15), "P")


@pytest.mark.parametrize("nik", ["157101150590000", "15710115059000031", "15710115059000AB"])
def test_a_nik_needs_exactly_sixteen_digits(nik):
    assert identity.check_nik(nik).errors == ["A NIK has exactly 16 digits."]


def test_an_unknown_region_code_is_refused():
    errors = identity.check_nik("9971011505900003").errors
    assert len(errors) == 1 and "99.71.01" in errors[0]


@pytest.mark.parametrize("date_part", ["320290", "151390", "720590", "000590"])
def test_an_impossible_date_is_refused(date_part):
    errors = identity.check_nik(f"157101{date_part}0003").errors
    assert any(date_part in e for e in errors), errors


def test_sex_that_disagrees_with_the_nik_is_named():
    errors = identity.check_nik(WOMAN, sex="L").errors
    assert errors == ["The NIK belongs to a woman (day of birth + 40), but the sex given is male."]
    errors = identity.check_nik(MAN, sex="P").errors
    assert len(errors) == 1 and "belongs to a man" in errors[0]


def test_birth_date_that_disagrees_with_the_nik_is_named():
    errors = identity.check_nik(MAN, birth_date=date(1990, 5, 16)).errors
    assert len(errors) == 1
    assert "15-05-90" in errors[0] and "16-05-1990" in errors[0]


def test_an_elderly_client_born_in_the_1920s_matches_the_two_digit_year():
    # The NIK says '25': the record's 1925 agrees even though parsing guessed 2025.
    assert identity.check_nik("1571011505250003", birth_date=date(1925, 5, 15)).errors == []


def test_serial_0000_is_refused():
    assert identity.check_nik("1571011505900000").errors


def test_kk_needs_sixteen_digits_and_a_known_region():
    assert identity.check_kk("1571010101100001")[1] == []
    assert identity.check_kk("12345")[1]
    assert identity.check_kk("9971010101100001")[1]


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0741) 123456", "+62741123456"),
    ],
)
def test_phone_numbers_are_normalised(raw, e164):
    assert identity.normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "0812", "+1 202 555 0100", "nomor saya"])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValueError, match="Indonesian phone number"):
        identity.normalise_phone(raw)


def test_regions_cascade_from_province_to_village():
    assert ("15", "Jambi") in identity.children_of("")
    assert ("1571", "Kota Jambi") in identity.children_of("15")
    assert identity.is_child_region("157101", "1571")
    assert not identity.is_child_region("157101", "1504")
    assert "Kota Jambi" in identity.region_path("1571011001")
