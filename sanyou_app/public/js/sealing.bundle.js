// Sealing electronic ballots in the deputy's browser, and opening them, layer by layer, in the
// scrutineers' browsers. libsodium's sealed box (crypto_box_seal), the same construction as
// PyNaCl's SealedBox on the server. It needs no WebCrypto, so it works on a plain-HTTP intranet;
// no secret key ever leaves the scrutineer's machine.
import sodium from "libsodium-wrappers";

const B64 = () => sodium.base64_variants.ORIGINAL;
// the receipt code's alphabet (core/sealing.py CODE_ALPHABET): no 0/O or 1/I/L
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 8;

frappe.provide("sanyou.sealing");

const from_b64 = (text) => sodium.from_base64(text.trim(), B64());
const to_b64 = (bytes) => sodium.to_base64(bytes, B64());

// core/sealing.py tracker(): BLAKE2b-256 of the sealed ballot, its first ten hex digits
function tracker(bytes) {
	const head = sodium.to_hex(sodium.crypto_generichash(32, bytes)).slice(0, 10).toUpperCase();
	return `${head.slice(0, 5)}-${head.slice(5)}`;
}

Object.assign(sanyou.sealing, {
	ready: () => sodium.ready,

	// A scrutineer's key pair: {public_key, secret_key}, both base64; checked by sealing a test
	// message and opening it again before anything is registered.
	async key_pair() {
		await sodium.ready;
		const pair = sodium.crypto_box_keypair();
		const probe = sodium.crypto_box_seal(sodium.from_string("key-check"), pair.publicKey);
		sodium.crypto_box_seal_open(probe, pair.publicKey, pair.privateKey);
		return { public_key: to_b64(pair.publicKey), secret_key: to_b64(pair.privateKey) };
	},

	// The public half of a secret key (to check a key file before using it).
	async public_key_of(secret_key) {
		await sodium.ready;
		return to_b64(sodium.crypto_scalarmult_base(from_b64(secret_key)));
	},

	// A receipt code, drawn here and shown only to the deputy who casts.
	async new_code() {
		await sodium.ready;
		let code = "";
		for (let i = 0; i < CODE_LENGTH; i++)
			code += CODE_ALPHABET[sodium.randombytes_uniform(CODE_ALPHABET.length)];
		return code;
	},

	// Seal a ballot for every scrutineer, the first key's layer outermost. The envelope names the
	// vote and carries the receipt code (core/sealing.py envelope). Returns {sealed, tracker}.
	async seal(public_keys, vote, code, digits) {
		await sodium.ready;
		let data = sodium.from_string(`${vote}|${code}|${digits}`);
		for (const key of [...public_keys].reverse()) data = sodium.crypto_box_seal(data, from_b64(key));
		return { sealed: to_b64(data), tracker: tracker(data) };
	},

	// Remove this scrutineer's layer from every ballot ("" for one that does not open, which stays
	// void) and shuffle them: what goes back to the server can no longer be matched, by order or by
	// content, with what came in.
	async open_layer(secret_key, ballots) {
		await sodium.ready;
		const sk = from_b64(secret_key);
		const pk = sodium.crypto_scalarmult_base(sk);
		const opened = ballots.map((b) => {
			if (!b) return "";
			try {
				return to_b64(sodium.crypto_box_seal_open(from_b64(b), pk, sk));
			} catch (e) {
				return "";
			}
		});
		for (let i = opened.length - 1; i > 0; i--) {
			const j = sodium.randombytes_uniform(i + 1);
			[opened[i], opened[j]] = [opened[j], opened[i]];
		}
		sk.fill(0);
		return opened;
	},
});
