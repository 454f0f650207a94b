// Compact, platform-free encoding of model arrays inside JSON: unsigned LEB128 varints (zig-zag for
// signed values, as in Protocol Buffers) packed into a byte stream and written as base64
// (RFC 4648 §4). Written here rather than with Buffer/btoa so browsers, Deno, Bun and edge
// workers decode models the same way.
import { hashString } from '../_internal/random';

/** Growable byte stream of varints. */
export interface ByteWriter {
  bytes: Uint8Array;
  length: number;
}

/** An empty {@link ByteWriter}. */
export function createByteWriter(): ByteWriter {
  return { bytes: new Uint8Array(1024), length: 0 };
}

/** Appends a non-negative integer below 2^53 as an unsigned LEB128 varint. */
export function writeVarint(writer: ByteWriter, value: number): void {
  let v = value;
  while (true) {
    if (writer.length === writer.bytes.length) {
      const bigger = new Uint8Array(writer.bytes.length * 2);
      bigger.set(writer.bytes);
      writer.bytes = bigger;
    }
    if (v < 0x80) {
      writer.bytes[writer.length++] = v;
      return;
    }
    writer.bytes[writer.length++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
}

/** Appends a signed integer, zig-zag encoded (0, −1, 1, −2 … → 0, 1, 2, 3 …). */
export function writeSignedVarint(writer: ByteWriter, value: number): void {
  writeVarint(writer, value < 0 ? -2 * value - 1 : 2 * value);
}

/** Reads varints back from bytes; `read()` returns `undefined` past the end or on a malformed varint. */
export interface ByteReader {
  read(): number | undefined;
  readSigned(): number | undefined;
  readonly done: boolean;
}

/** A {@link ByteReader} over `bytes`. */
export function createByteReader(bytes: Uint8Array): ByteReader {
  let at = 0;
  const read = (): number | undefined => {
    let value = 0;
    let factor = 1;
    while (at < bytes.length) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 0x80;
      if (factor > 2 ** 49) return undefined;
    }
    return undefined;
  };
  return {
    read,
    readSigned() {
      const v = read();
      if (v === undefined) return undefined;
      return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    },
    get done() {
      return at >= bytes.length;
    },
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648 §4, with padding) of `bytes[0..length)`. */
export function encodeBase64(bytes: Uint8Array, length = bytes.length): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < length ? bytes[i + 1]! : 0;
    const c = i + 2 < length ? bytes[i + 2]! : 0;
    chunk +=
      ALPHABET[a >> 2]! +
      ALPHABET[((a & 3) << 4) | (b >> 4)]! +
      (i + 1 < length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=') +
      (i + 2 < length ? ALPHABET[c & 63]! : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

const DECODE = /* @__PURE__ */ (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Bytes of a base64 string, or `undefined` when it is not valid base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let bits = 0;
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      const isPad = code === 0x3d && i + 4 === text.length && k >= 4 - padding;
      const v = isPad ? 0 : code < 128 ? DECODE[code]! : -1;
      if (v < 0) return undefined;
      bits = (bits << 6) | v;
    }
    if (o < out.length) out[o++] = (bits >> 16) & 0xff;
    if (o < out.length) out[o++] = (bits >> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Checksum of a model's content (every field but `checksum`), independent of key order so a model
 * stored in a database that reorders keys (PostgreSQL `jsonb`) still loads. Two FNV-1a hashes
 * (forward and reversed text) make 64 bits: it detects edits and corruption, it is not a signature.
 */
export function checksumOf(content: Record<string, unknown>): string {
  const { checksum: _ignored, ...rest } = content;
  const text = canonicalJson(rest);
  let reversed = 0x811c9dc5;
  for (let i = text.length - 1; i >= 0; i--) reversed = Math.imul(reversed ^ text.charCodeAt(i), 0x01000193);
  return hashString(text).toString(16).padStart(8, '0') + (reversed >>> 0).toString(16).padStart(8, '0');
}
