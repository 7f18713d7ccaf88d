"""Sealed electronic ballots: what a deputy's browser seals, and how the scrutineers open them.

Each scrutineer of a vote holds a key pair of their own, made in their browser when the vote is
prepared; the server keeps only the public halves. A deputy's browser seals the ballot once for
every scrutineer, innermost for the last one, with libsodium's sealed box (`crypto_box_seal`:
X25519 + XSalsa20-Poly1305, an ephemeral key per seal). The same construction is PyNaCl's
`SealedBox`, used here. At the count, scrutineer after scrutineer, in order, each provides their
secret key; the server removes that layer from every ballot, shuffles them and keeps no key. Only
when every layer is removed do the marks appear. A ballot that does not open or does not read is
void, like a spoiled paper ballot.

A sealed ballot's plaintext has one ASCII digit per item, in the items' order: 0 = not marked,
1..n = the n-th mark of the vote's kind (赞成/反对/弃权, 满意/基本满意/不满意, 优秀/…/不合格).
Every ballot of a vote is therefore the same length, sealed or not.
"""

from __future__ import annotations

import base64
import binascii
import random
from collections.abc import Iterable, Sequence

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from sanyou_app.core import voting

SEAL_OVERHEAD = 48  # bytes one sealed-box layer adds: an ephemeral public key and a MAC
KEY_BYTES = 32
MAX_ITEMS = 9 * 1000  # far above any vote; bounds the size of what a cast may send


class SealError(ValueError):
	"""A sealed ballot or a key that cannot be used; the message is for the user."""


def plaintext(vote_type: str, items: Sequence[str], sheet: dict[str, str | None]) -> bytes:
	"""{item: mark or None} → one digit per item (what the browser seals)."""
	marks = voting.marks_for(vote_type)
	digits = []
	for item in items:
		mark = sheet.get(item)
		if mark in (None, ""):
			digits.append("0")
		elif mark in marks:
			digits.append(str(marks.index(mark) + 1))
		else:
			raise SealError(f"“{item}”的标记“{mark}”无效")
	return "".join(digits).encode("ascii")


def read_plaintext(vote_type: str, items: Sequence[str], data: bytes) -> dict[str, str | None]:
	"""One digit per item → {item: mark or None}; SealError when it does not read."""
	marks = voting.marks_for(vote_type)
	if len(data) != len(items) or any(not (48 <= b <= 48 + len(marks)) for b in data):
		raise SealError("选票内容无法识别")
	return {item: (marks[b - 49] if b > 48 else None) for item, b in zip(items, data, strict=True)}


def sealed_length(item_count: int, layers: int) -> int:
	return item_count + SEAL_OVERHEAD * layers


def decode_key(text: str, what: str = "密钥") -> bytes:
	"""A key as users carry it (base64, 32 bytes) → bytes; SealError with a clear message."""
	try:
		raw = base64.b64decode((text or "").strip(), validate=True)
	except (binascii.Error, ValueError):
		raise SealError(f"{what}格式不正确") from None
	if len(raw) != KEY_BYTES:
		raise SealError(f"{what}格式不正确")
	return raw


def encode(raw: bytes) -> str:
	return base64.b64encode(raw).decode("ascii")


def public_key_of(secret_key: bytes) -> bytes:
	return bytes(PrivateKey(secret_key).public_key)


def new_key_pair() -> tuple[bytes, bytes]:
	"""(secret, public): what a scrutineer's browser makes; used by tests and the benchmark."""
	key = PrivateKey.generate()
	return bytes(key), bytes(key.public_key)


def seal(public_keys: Sequence[bytes], data: bytes) -> bytes:
	"""Seal for every scrutineer: the first key's layer outermost (it is opened first)."""
	for key in reversed(public_keys):
		data = SealedBox(PublicKey(key)).encrypt(data)
	return data


def check_sealed(text: str, item_count: int, layers: int) -> bytes:
	"""What a cast sends (base64 of the sealed ballot) → bytes, if it has the right length."""
	if not isinstance(text, str) or len(text) > 4 * (sealed_length(MAX_ITEMS, layers) // 3 + 1):
		raise SealError("选票格式不正确")
	try:
		raw = base64.b64decode(text, validate=True)
	except (binascii.Error, ValueError):
		raise SealError("选票格式不正确") from None
	if len(raw) != sealed_length(item_count, layers):
		raise SealError("选票格式不正确，请刷新页面后重新投票")
	return raw


def open_layer(secret_key: bytes, sealed: Iterable[bytes | None], rng: random.Random) -> list[bytes | None]:
	"""Remove one layer from every ballot and shuffle them. A ballot that does not open becomes
	None (void) and stays void through the later layers."""
	box = SealedBox(PrivateKey(secret_key))
	opened: list[bytes | None] = []
	for data in sealed:
		if data is None:
			opened.append(None)
			continue
		try:
			opened.append(box.decrypt(data))
		except (CryptoError, ValueError, TypeError):
			opened.append(None)
	rng.shuffle(opened)
	return opened


def read_opened(
	vote_type: str, items: Sequence[str], seats: int, opened: Iterable[bytes | None], void_if_over_seats: bool
) -> list[tuple[dict, bool]]:
	"""Fully opened ballots → the sheets to store [(marks, void)]. A ballot that did not open or
	does not read is stored void, with no marks."""
	sheets = []
	for data in opened:
		try:
			if data is None:
				raise SealError("选票无法开启")
			sheets.append(
				voting.read_sheet(
					vote_type, items, seats, read_plaintext(vote_type, items, data), void_if_over_seats
				)
			)
		except ValueError:
			sheets.append(({}, True))
	return sheets
