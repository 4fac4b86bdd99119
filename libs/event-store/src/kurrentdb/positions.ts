/**
 * KurrentDB orders $all by (commit, prepare), two 64-bit numbers. The port speaks decimal
 * strings that compare like numbers, so both halves are packed into one: commit · 2^64 + prepare.
 * The packing keeps the order and is reversible, so a saved checkpoint resumes exactly.
 */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const HALF = 64n;
const MASK = (1n << HALF) - 1n;

export function encodePosition(position: LogPosition): string {
  return ((position.commit << HALF) | (position.prepare & MASK)).toString();
}

export function decodePosition(text: string): LogPosition {
  const packed = BigInt(text);
  return { commit: packed >> HALF, prepare: packed & MASK };
}

export const samePosition = (a: LogPosition, b: LogPosition) => a.commit === b.commit && a.prepare === b.prepare;
