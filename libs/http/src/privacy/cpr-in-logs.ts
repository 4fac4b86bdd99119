/**
 * A CPR number never reaches a log line, whatever a client sends. Anything shaped like one —
 * ten digits, or six and four with `-`, `.`, space or `+` between them, not part of a longer run
 * of digits — is masked, after percent-decoding where the text is a URL. Pseudonymous patientIds
 * (32 hex characters) and UUIDs are ids of ours and are left as they are: a patientId may hold ten
 * digits in a row, and masking it would make logs useless without protecting anyone.
 */
const CPR_SHAPED = /(?<!\d)\d{6}[-. +]?\d{4}(?!\d)/g;
const OUR_IDS = /(?<![0-9a-fA-F-])(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-fA-F-])/g;
export const CPR_MASK = '[cpr]';

export function maskCprs(text: string): string {
  let out = '';
  let from = 0;
  for (const id of text.matchAll(OUR_IDS)) {
    out += text.slice(from, id.index).replace(CPR_SHAPED, CPR_MASK) + id[0];
    from = (id.index ?? 0) + id[0].length;
  }
  return out + text.slice(from).replace(CPR_SHAPED, CPR_MASK);
}

/** A URL as it is logged: percent-decoded (so `%2D` hides nothing), `+` read as the space it stands for, then masked. */
export function urlForLog(url: string): string {
  const decoded = url.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return maskCprs(decoded);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A caller's x-request-id is used only when it is a UUID that holds nothing CPR-shaped; otherwise the service makes its own. */
export function callerRequestId(given: unknown): string | null {
  if (typeof given !== 'string' || !UUID.test(given)) return null;
  return given.replace(CPR_SHAPED, '') === given ? given.toLowerCase() : null;
}
