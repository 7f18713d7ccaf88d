"""Phone numbers as offices write them (core/fields.py, read by libphonenumber's numbering plan)."""

import pytest

from sanyou_app.core.fields import is_valid_phone, normalize_phone


@pytest.mark.parametrize(
	"typed",
	[
		"13912345678",
		13912345678,
		"+86 139 1234 5678",
		"0561-3012345",
		"05613012345",
		"010-12345678",
		"0571－87654321",
		"010-12345678-123",
	],
)
def test_mobiles_and_landlines_with_their_area_code_are_phones(typed):
	assert is_valid_phone(normalize_phone(typed))


@pytest.mark.parametrize(
	"typed",
	[
		"12345",
		"1391234567",
		"139123456789",
		"23912345678",
		"561-3012345",  # the area code without its 0
		"0123456789",  # no area code 012
		"021-1234567",  # Shanghai's numbers have eight digits
		"400-123-4567",  # a service number, not a person's phone
		"+1 650 253 0000",
		"abc",
		"",
	],
)
def test_other_numbers_are_refused(typed):
	assert not is_valid_phone(normalize_phone(typed))
