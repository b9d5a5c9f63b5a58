"""Amounts and phone numbers typed as people write them in Indonesia."""

import pytest
from django import forms

from clients.forms.phone import PhoneField
from sentra.inputs import RupiahField


@pytest.mark.parametrize("typed", ["1500000", "1.500.000", "Rp 1.500.000", "1.500.000,00"])
def test_an_amount_is_read_with_or_without_thousands_dots(typed):
    assert RupiahField(required=False).clean(typed) == 1_500_000


def test_an_amount_is_shown_with_thousands_dots_and_nonsense_is_refused():
    field = RupiahField(required=False)
    assert field.widget.format_value(1_500_000) == "1.500.000"
    with pytest.raises(forms.ValidationError, match="1.500.000 or 1500000"):
        field.clean("satu juta")


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "081234567890"])
def test_a_phone_number_is_kept_as_plus_62_and_shown_the_national_way(typed):
    field = PhoneField(required=False)
    assert field.clean(typed) == "+6281234567890"
    assert field.prepare_value("+6281234567890") == "0812-3456-7890"


def test_a_number_that_is_not_indonesian_is_refused_with_an_example():
    with pytest.raises(forms.ValidationError, match="0812-3456-7890"):
        PhoneField(required=False).clean("12345")
