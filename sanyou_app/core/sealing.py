"""Sealed electronic ballots: what a deputy's browser seals, and how the scrutineers open them.

Each scrutineer of a vote holds a key pair of their own, made in their browser when the vote is
prepared; the server keeps only the public halves. A deputy's browser seals the ballot once for
every scrutineer, innermost for the last one, with libsodium's sealed box (`crypto_box_seal`:
X25519 + XSalsa20-Poly1305, an ephemeral key per seal). The same construction is PyNaCl's
`SealedBox`, used here. At the count, scrutineer after scrutineer, in order, each provides their
secret key; the server removes that layer from every ballot, shuffles them and keeps no key. Only
when every layer is removed do the marks appear. A ballot that does not open or does not read is
void, like a spoiled paper ballot.

A sealed ballot's plaintext (its envelope) is `<vote>|<code>|<digits>`: the vote it was cast in
(a ballot copied into another vote opens void), a random receipt code the deputy's browser draws
and shows only to the deputy (listed, without choices, once the ballots are opened, so each
deputy can check that their ballot was counted and nobody replaced it on the way), and one ASCII
digit per item, in the items' order: 0 = not marked, 1..n = the n-th mark of the vote's kind
(赞成/反对/弃权, 满意/基本满意/不满意, 优秀/…/不合格). Every ballot of a vote is therefore the
same length, sealed or not.

The scrutineers open the layers in their own browsers (the same sealed box); the server only
checks that a layer comes back whole: as many ballots as went out, each exactly one layer
shorter, and stores it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
from collections.abc import Iterable, Sequence

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from sanyou_app.core import voting

SEAL_OVERHEAD = 48  # bytes one sealed-box layer adds: an ephemeral public key and a MAC
KEY_BYTES = 32
MAX_ITEMS = 9 * 1000  # far above any vote; bounds the size of what a cast may send
MAX_VOTE_NAME = 140
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and copied by hand
CODE_LENGTH = 8


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


def envelope(vote: str, code: str, digits: bytes) -> bytes:
	"""What the innermost layer seals: the vote, the receipt code and the marks."""
	if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
		raise SealError("核验码格式不正确")
	return f"{vote}|{code}|".encode() + digits


def new_code(rng: random.Random | None = None) -> str:
	"""A receipt code as the deputy's browser draws it (used by tests and the benchmark)."""
	rng = rng or random.SystemRandom()
	return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def read_envelope(vote: str, data: bytes) -> tuple[str, bytes]:
	"""An opened envelope → (receipt code, digits); SealError when it names another vote or
	does not read."""
	head = f"{vote}|".encode()
	if not data.startswith(head):
		raise SealError("选票不属于本次表决")
	rest = data[len(head) :]
	code, sep, digits = rest[:CODE_LENGTH], rest[CODE_LENGTH : CODE_LENGTH + 1], rest[CODE_LENGTH + 1 :]
	if sep != b"|" or any(chr(c) not in CODE_ALPHABET for c in code) or len(code) != CODE_LENGTH:
		raise SealError("选票内容无法识别")
	return code.decode("ascii"), digits


def envelope_length(vote: str, item_count: int) -> int:
	return len(vote.encode()) + 2 + CODE_LENGTH + item_count


def sealed_length(plain_length: int, layers: int) -> int:
	"""Bytes of a ballot whose plaintext has `plain_length` bytes, under `layers` layers."""
	return plain_length + SEAL_OVERHEAD * layers


def digest(blob: bytes) -> str:
	"""BLAKE2b-256 of a sealed ballot (hex): stored to refuse the same sealed ballot twice."""
	return hashlib.blake2b(blob, digest_size=32).hexdigest()


def tracker(blob: bytes) -> str:
	"""A short tracker of a sealed ballot as cast ("3F9A1-0C77E"): the deputy's browser shows
	it after casting; once voting closes every deputy of the vote sees the list of all of them.
	It is a hash of ciphertext sealed with a fresh random key: it tells nothing of the marks."""
	head = digest(blob)[:10].upper()
	return f"{head[:5]}-{head[5:]}"


def check_public_key(text: str) -> bytes:
	"""A scrutineer's public key as registered: it must decode and seal a test message
	(libsodium refuses keys of low order, with which nobody could cast)."""
	raw = decode_key(text, "公钥")
	try:
		SealedBox(PublicKey(raw)).encrypt(b"sanyou-key-check")
	except Exception:
		raise SealError("公钥无效，不能用于加密选票，请重新生成开票密钥") from None
	return raw


def check_layer(returned: Sequence[bytes | None], sent: int, length: int) -> None:
	"""A layer coming back from a scrutineer's browser: as many ballots as were sent, each of
	exactly `length` bytes (None: one that did not open, which stays void)."""
	if len(returned) != sent:
		raise SealError(f"开启后的选票应为{sent}张，收到{len(returned)}张，本层未保存")
	if any(b is not None and len(b) != length for b in returned):
		raise SealError("开启后的选票长度不符，本层未保存")


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


def check_sealed(text: str, plain_length: int, layers: int) -> bytes:
	"""What a cast sends (base64 of the sealed ballot) → bytes, if it has the right length."""
	limit = sealed_length(MAX_ITEMS + MAX_VOTE_NAME + CODE_LENGTH + 2, layers)
	if not isinstance(text, str) or len(text) > 4 * (limit // 3 + 1):
		raise SealError("选票格式不正确")
	try:
		raw = base64.b64decode(text, validate=True)
	except (binascii.Error, ValueError):
		raise SealError("选票格式不正确") from None
	if len(raw) != sealed_length(plain_length, layers):
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
	vote: str,
	vote_type: str,
	items: Sequence[str],
	seats: int,
	opened: Iterable[bytes | None],
	void_if_over_seats: bool,
) -> tuple[list[tuple[dict, bool]], list[str], int]:
	"""Fully opened ballots → (sheets to store [(marks, void)], the receipt codes found, sorted,
	and how many ballots repeated a code already seen). A ballot that did not open, names
	another vote or does not read is stored void, with no marks; a repeated envelope (a copy of a
	ballot) is void and its code listed once."""
	sheets: list[tuple[dict, bool]] = []
	codes: set[str] = set()
	repeated = 0
	for data in opened:
		try:
			if data is None:
				raise SealError("选票无法开启")
			code, digits = read_envelope(vote, data)
			if code in codes:
				repeated += 1
				raise SealError("重复的选票")
			codes.add(code)
			sheets.append(
				voting.read_sheet(
					vote_type, items, seats, read_plaintext(vote_type, items, digits), void_if_over_seats
				)
			)
		except ValueError:
			sheets.append(({}, True))
	return sheets, sorted(codes), repeated
