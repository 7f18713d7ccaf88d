"""Sealed ballots: what a deputy's browser seals, how the scrutineers open them, what is void."""

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanyou_app.core import sealing
from sanyou_app.core.voting import PROJECT_VOTE, SURVEY

ITEMS = ["村庄扶贫路", "连心小院", "丁楼村张庄路"]
F, A, X = "赞成", "反对", "弃权"


def keys(n):
	return [sealing.new_key_pair() for _ in range(n)]


def open_all(pairs, sealed, seed=1):
	rng = random.Random(seed)
	ballots = list(sealed)
	for secret, _ in pairs:
		ballots = sealing.open_layer(secret, ballots, rng)
	return ballots


def test_plaintext_is_one_digit_per_item_whatever_is_marked():
	assert sealing.plaintext(PROJECT_VOTE, ITEMS, {ITEMS[0]: F, ITEMS[2]: X}) == b"103"
	assert sealing.plaintext(SURVEY, ITEMS, {ITEMS[1]: "不满意"}) == b"030"
	assert len({len(sealing.plaintext(PROJECT_VOTE, ITEMS, s)) for s in ({}, {ITEMS[0]: F})}) == 1
	with pytest.raises(sealing.SealError, match="标记“同意”无效"):
		sealing.plaintext(PROJECT_VOTE, ITEMS, {ITEMS[0]: "同意"})


def test_read_plaintext_round_trips_and_refuses_what_does_not_read():
	sheet = {ITEMS[0]: F, ITEMS[1]: None, ITEMS[2]: A}
	assert sealing.read_plaintext(PROJECT_VOTE, ITEMS, sealing.plaintext(PROJECT_VOTE, ITEMS, sheet)) == sheet
	for bad in (b"10", b"1034", b"104", b"1a3", "赞".encode()):
		with pytest.raises(sealing.SealError):
			sealing.read_plaintext(PROJECT_VOTE, ITEMS, bad)


def test_only_every_scrutineer_together_opens_a_ballot_in_order():
	pairs = keys(3)
	data = sealing.plaintext(PROJECT_VOTE, ITEMS, {ITEMS[0]: F})
	sealed = sealing.seal([pk for _, pk in pairs], data)
	assert len(sealed) == sealing.sealed_length(len(ITEMS), 3)
	assert data not in sealed
	assert open_all(pairs, [sealed]) == [data]
	# out of order, or with one key missing, nothing opens: the ballot becomes void
	assert open_all([pairs[1], pairs[0], pairs[2]], [sealed]) == [None]
	assert open_all(pairs[:2], [sealed]) != [data]
	# someone else's key opens nothing
	assert open_all([keys(1)[0], *pairs[1:]], [sealed]) == [None]


def test_sealing_twice_gives_different_ciphertexts():
	pairs = keys(2)
	data = b"123"
	assert sealing.seal([pk for _, pk in pairs], data) != sealing.seal([pk for _, pk in pairs], data)


def test_check_sealed_refuses_wrong_length_and_garbage():
	pairs = keys(2)
	good = sealing.encode(sealing.seal([pk for _, pk in pairs], b"123"))
	assert sealing.check_sealed(good, 3, 2)
	for bad in (good[:-4], "!!!", "", sealing.encode(b"x" * 100), None, good + "AAAA"):
		with pytest.raises(sealing.SealError):
			sealing.check_sealed(bad, 3, 2)
	with pytest.raises(sealing.SealError):
		sealing.check_sealed(good, 4, 2)  # sealed for a vote with another number of items


def test_keys_are_checked_for_format():
	secret, public = sealing.new_key_pair()
	assert sealing.decode_key(sealing.encode(secret)) == secret
	assert sealing.public_key_of(secret) == public
	for bad in ("", "abc", sealing.encode(b"short"), "密钥"):
		with pytest.raises(sealing.SealError, match="格式不正确"):
			sealing.decode_key(bad)


VOTE = "BJ-2020-00001"


def env(sheet, code="ABCDEFGH", vote=VOTE):
	return sealing.envelope(vote, code, sealing.plaintext(PROJECT_VOTE, ITEMS, sheet))


def test_opened_ballots_become_sheets_void_when_they_do_not_read_or_have_too_many_for():
	opened = [
		env({ITEMS[0]: F, ITEMS[1]: F}, "AAAAAAAA"),
		env({ITEMS[0]: F, ITEMS[1]: F, ITEMS[2]: F}, "BBBBBBBB"),  # 3 赞成 > 2 seats
		sealing.envelope(VOTE, "CCCCCCCC", b"999"),
		None,
	]
	sheets, codes, repeated = sealing.read_opened(VOTE, PROJECT_VOTE, ITEMS, 2, opened, True)
	assert [void for _, void in sheets] == [False, True, True, True]
	assert sheets[0][0] == {ITEMS[0]: F, ITEMS[1]: F, ITEMS[2]: X}
	# a ballot that reads but is void by the rules still shows its code: it was counted (as void)
	assert codes == ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC"] and repeated == 0


def test_a_ballot_of_another_vote_or_a_copied_ballot_is_void():
	copied = env({ITEMS[0]: F}, "ZZZZZZZZ")
	opened = [copied, copied, env({ITEMS[1]: F}, "YYYYYYYY", vote="BJ-2020-00002"), env({}, "XXXXXXXX")[:-1]]
	sheets, codes, repeated = sealing.read_opened(VOTE, PROJECT_VOTE, ITEMS, 2, opened, True)
	assert [void for _, void in sheets] == [False, True, True, True]
	assert codes == ["XXXXXXXX", "ZZZZZZZZ"] and repeated == 1  # a short one reads its code, void


def test_the_envelope_names_its_vote_and_code_and_has_one_length_per_vote():
	data = env({ITEMS[0]: F})
	assert data == b"BJ-2020-00001|ABCDEFGH|100"
	assert len(data) == sealing.envelope_length(VOTE, len(ITEMS))
	assert sealing.read_envelope(VOTE, data) == ("ABCDEFGH", b"100")
	with pytest.raises(sealing.SealError):
		sealing.read_envelope("BJ-2020-0000", data)  # a vote whose name is a prefix of another's
	for bad_code in ("abcdefgh", "ABCDEFG", "ABCDEFG0"):
		with pytest.raises(sealing.SealError):
			sealing.envelope(VOTE, bad_code, b"100")
	codes = {sealing.new_code() for _ in range(200)}
	assert len(codes) == 200 and all(len(c) == 8 and set(c) <= set(sealing.CODE_ALPHABET) for c in codes)


def test_trackers_and_digests_tell_ciphertexts_apart_and_say_nothing_of_the_marks():
	pairs = keys(2)
	a = sealing.seal([pk for _, pk in pairs], env({ITEMS[0]: F}))
	b = sealing.seal([pk for _, pk in pairs], env({ITEMS[0]: F}))
	assert sealing.tracker(a) != sealing.tracker(b) and sealing.digest(a) != sealing.digest(b)
	assert sealing.tracker(a) == sealing.tracker(a) and len(sealing.tracker(a)) == 11
	assert sealing.tracker(a).replace("-", "") == sealing.digest(a)[:10].upper()


def test_public_keys_must_be_usable_for_sealing():
	_, public = sealing.new_key_pair()
	assert sealing.check_public_key(sealing.encode(public)) == public
	low_order = [bytes(32), bytes([1] + [0] * 31)]
	for bad in [*low_order]:
		with pytest.raises(sealing.SealError, match="公钥无效"):
			sealing.check_public_key(sealing.encode(bad))
	with pytest.raises(sealing.SealError, match="格式不正确"):
		sealing.check_public_key("not a key")


def test_a_layer_must_come_back_whole():
	sealing.check_layer([b"x" * 51, None], 2, 51)
	with pytest.raises(sealing.SealError, match="应为2张"):
		sealing.check_layer([b"x" * 51], 2, 51)
	with pytest.raises(sealing.SealError, match="长度不符"):
		sealing.check_layer([b"x" * 51, b"x" * 99], 2, 51)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from([F, A, X, None]), min_size=3, max_size=3), min_size=1, max_size=40))
def test_what_is_opened_is_what_was_cast_as_a_multiset_and_reordered(sheets):
	pairs = keys(2)
	cast = [sealing.plaintext(PROJECT_VOTE, ITEMS, dict(zip(ITEMS, s, strict=True))) for s in sheets]
	sealed = [sealing.seal([pk for _, pk in pairs], c) for c in cast]
	opened = open_all(pairs, sealed, seed=len(sheets))
	assert Counter(opened) == Counter(cast)


def test_the_order_of_casting_does_not_survive_opening():
	pairs = keys(2)
	cast = [str(i).zfill(3).encode() for i in range(200)]  # distinct, in casting order
	opened = open_all(pairs, [sealing.seal([pk for _, pk in pairs], c) for c in cast], seed=7)
	assert sorted(opened) == cast
	assert sum(a == b for a, b in zip(opened, cast, strict=True)) < 10  # a shuffle, not the same order
