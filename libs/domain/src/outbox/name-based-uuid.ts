/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of namespace and name) without a library call per
 * id. A rebuild of the outbox derives two or three ids per message, and the generic path — the
 * name encoded into a new array, joined to the namespace, a crypto hash object made, the digest
 * copied and formatted — was a fifth of the rebuild's profile. Here the namespace is copied once
 * into a buffer that is reused, the name encoded into it in place, and SHA-1 (FIPS 180-4) run on
 * it directly. The same id as uuid's `v5` for every name (`name-based-uuid.spec.ts`).
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const UTF8 = new TextEncoder();

/** A v5 id generator for one namespace (given as its 16 bytes). */
export function nameBasedUuids(namespace: Uint8Array): (name: string) => string {
  let buffer = new Uint8Array(256);
  buffer.set(namespace);
  const words = new Int32Array(80);
  const digest = new Int32Array(5);
  return (name: string) => {
    // A UTF-8 name is at most 3 bytes per UTF-16 unit; 64 more for SHA-1's padding.
    const needed = 16 + name.length * 3 + 72;
    if (buffer.length < needed) {
      const grown = new Uint8Array(needed * 2);
      grown.set(buffer.subarray(0, 16));
      buffer = grown;
    }
    const length = 16 + encoded(name, buffer);
    return formatted(sha1(buffer, length, words, digest));
  };
}

/** The name's UTF-8 bytes written after the namespace; names are nearly always ASCII (ids, kinds, SORs), copied as they are. */
function encoded(name: string, buffer: Uint8Array): number {
  for (let i = 0; i < name.length; i += 1) {
    const unit = name.charCodeAt(i);
    if (unit > 0x7f) return UTF8.encodeInto(name, buffer.subarray(16)).written;
    buffer[16 + i] = unit;
  }
  return name.length;
}

/** SHA-1 of the first `length` bytes of `buffer` (which has room for the padding), into `h` as five 32-bit words. */
function sha1(buffer: Uint8Array, length: number, w: Int32Array, h: Int32Array): Int32Array {
  const end = Math.ceil((length + 9) / 64) * 64;
  buffer.fill(0, length, end);
  buffer[length] = 0x80;
  const bits = length * 8;
  buffer[end - 4] = bits >>> 24;
  buffer[end - 3] = (bits >>> 16) & 0xff;
  buffer[end - 2] = (bits >>> 8) & 0xff;
  buffer[end - 1] = bits & 0xff;
  h.set(INITIAL);
  for (let offset = 0; offset < end; offset += 64) compress(buffer, offset, w, h);
  return h;
}

const INITIAL = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);

/** One 64-byte block; the four rounds of twenty steps written out, each with its own function and constant. */
function compress(b: Uint8Array, offset: number, w: Int32Array, h: Int32Array): void {
  for (let t = 0; t < 16; t += 1) {
    const i = offset + t * 4;
    w[t] = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
  }
  for (let t = 16; t < 80; t += 1) {
    const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
  let t = 0;
  for (; t < 20; t += 1) {
    const next = (((a << 5) | (a >>> 27)) + ((bb & c) | (~bb & d)) + e + 0x5a827999 + w[t]) | 0;
    e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
  }
  for (; t < 40; t += 1) {
    const next = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + 0x6ed9eba1 + w[t]) | 0;
    e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
  }
  for (; t < 60; t += 1) {
    const next = (((a << 5) | (a >>> 27)) + ((bb & c) | (bb & d) | (c & d)) + e - 0x70e44324 + w[t]) | 0; // 0x8f1bbcdc as int32
    e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
  }
  for (; t < 80; t += 1) {
    const next = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e - 0x359d3e2a + w[t]) | 0; // 0xca62c1d6 as int32
    e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + bb) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
}

/** The first 128 bits of the digest as a UUID string, with version 5 and the RFC variant set. */
function formatted(h: Int32Array): string {
  const [h0, h1, h2, h3] = [h[0], h[1], h[2], h[3]];
  const version = ((h1 >>> 8) & 0x0f) | 0x50;
  const variant = ((h2 >>> 24) & 0x3f) | 0x80;
  return `${word(h0)}-${HEX[(h1 >>> 24) & 0xff]}${HEX[(h1 >>> 16) & 0xff]}-${HEX[version]}${HEX[h1 & 0xff]}-${HEX[variant]}${HEX[(h2 >>> 16) & 0xff]}-${HEX[(h2 >>> 8) & 0xff]}${HEX[h2 & 0xff]}${word(h3)}`;
}

const word = (x: number): string => HEX[(x >>> 24) & 0xff] + HEX[(x >>> 16) & 0xff] + HEX[(x >>> 8) & 0xff] + HEX[x & 0xff];
