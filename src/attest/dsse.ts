/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse, envelope.md and protocol.md)
 * signed with Ed25519 from `node:crypto`. The signature covers the pre-authentication encoding
 * of the payload type and the payload, so neither can be changed without breaking it.
 *
 * The envelope file is written in one canonical form (two-space JSON, a final newline) and
 * `verify` accepts only that form: a byte changed anywhere in the file, even in a part the
 * signature does not cover (the key id, the spacing), fails verification.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from './statement.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface Envelope {
  readonly payloadType: string;
  /** Base64 of the payload bytes. */
  readonly payload: string;
  readonly signatures: readonly { readonly keyid: string; readonly sig: string }[];
}

/** DSSEv1 pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function preAuthenticationEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** The key id: sha256 of the public key's SubjectPublicKeyInfo (DER), in hex. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

export function generateSigningKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads a PEM key; throws with a sentence when it is not an Ed25519 key of the kind asked for. */
export function readKey(pem: string, kind: 'private' | 'public'): KeyObject {
  const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`an Ed25519 key is needed, not ${key.asymmetricKeyType ?? 'an unknown kind'}`);
  return key;
}

export function signEnvelope(payload: Buffer, payloadType: string, privateKey: KeyObject): Envelope {
  const signature = sign(null, preAuthenticationEncoding(payloadType, payload), privateKey);
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: keyIdOf(createPublicKey(privateKey)), sig: signature.toString('base64') }],
  };
}

/** The one form an envelope is written in. */
export function envelopeText(envelope: Envelope): string {
  return (
    JSON.stringify({ payloadType: envelope.payloadType, payload: envelope.payload, signatures: envelope.signatures }, null, 2) +
    '\n'
  );
}

/** Why the file is not a valid envelope signed by `publicKey`, or its payload when it is. */
export function openEnvelope(text: string, publicKey: KeyObject): { ok: true; payload: Buffer } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const envelope = data as Partial<Envelope>;
  if (
    typeof envelope.payloadType !== 'string' ||
    typeof envelope.payload !== 'string' ||
    !Array.isArray(envelope.signatures) ||
    !envelope.signatures.every((s) => typeof s?.keyid === 'string' && typeof s?.sig === 'string')
  )
    return { ok: false, reason: 'not a DSSE envelope (payloadType, payload and signatures[].keyid/sig)' };
  if (envelopeText(envelope as Envelope) !== text)
    return { ok: false, reason: 'the file is not in the form attest writes it (a byte was changed, added or removed)' };
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { ok: false, reason: `payloadType is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}` };
  const payload = Buffer.from(envelope.payload, 'base64');
  if (payload.toString('base64') !== envelope.payload) return { ok: false, reason: 'payload is not canonical base64' };
  const keyid = keyIdOf(publicKey);
  // Base64 decoders forgive a changed padding bit or character: only the canonical text is accepted.
  if (envelope.signatures.some((s) => Buffer.from(s.sig, 'base64').toString('base64') !== s.sig))
    return { ok: false, reason: 'a signature is not canonical base64' };
  const mine = envelope.signatures.filter((s) => s.keyid === keyid);
  if (mine.length === 0) return { ok: false, reason: `no signature by this public key (key id ${keyid.slice(0, 16)}…)` };
  const pae = preAuthenticationEncoding(envelope.payloadType, payload);
  const valid = mine.some((s) => verify(null, pae, publicKey, Buffer.from(s.sig, 'base64')));
  return valid
    ? { ok: true, payload }
    : { ok: false, reason: 'the signature does not match the payload: it was changed after signing, or signed by another key' };
}
