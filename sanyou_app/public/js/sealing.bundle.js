// Sealing electronic ballots in the deputy's browser, and the scrutineers' key pairs.
// libsodium's sealed box (crypto_box_seal), the same construction as PyNaCl's SealedBox on the
// server. It needs no WebCrypto, so it works on a plain-HTTP intranet.
import sodium from "libsodium-wrappers";

const B64 = () => sodium.base64_variants.ORIGINAL;

frappe.provide("sanyou.sealing");

Object.assign(sanyou.sealing, {
	ready: () => sodium.ready,

	// A scrutineer's key pair: {public_key, secret_key}, both base64.
	async key_pair() {
		await sodium.ready;
		const pair = sodium.crypto_box_keypair();
		return {
			public_key: sodium.to_base64(pair.publicKey, B64()),
			secret_key: sodium.to_base64(pair.privateKey, B64()),
		};
	},

	// The public half of a secret key (to check a key file before sending it).
	async public_key_of(secret_key) {
		await sodium.ready;
		const pk = sodium.crypto_scalarmult_base(sodium.from_base64(secret_key.trim(), B64()));
		return sodium.to_base64(pk, B64());
	},

	// Seal a ballot's digits for every scrutineer: the first key's layer outermost.
	async seal(public_keys, digits) {
		await sodium.ready;
		let data = sodium.from_string(digits);
		for (const key of [...public_keys].reverse()) {
			data = sodium.crypto_box_seal(data, sodium.from_base64(key, B64()));
		}
		return sodium.to_base64(data, B64());
	},
});
