/* eslint-disable @typescript-eslint/no-explicit-any -- it reads delivered JSON documents of any shape */
/**
 * What must never appear in a text a clinician reads (handover-messages.md "Content", 2026-11-22):
 * enum codes, rule ids, ISO/UTC timestamps, English. Names and free text that people typed are
 * part of the texts too, so the suites that scan use Danish names and descriptions.
 */
import { DECISION_BASES, PHYSICIAN_GROUNDS, ROLES, SECTORS } from '../vocabulary/primitives';
import { HANDOVER_KINDS, REVISION_ACTIONS } from '../events/event-data';

/** English words that have no business in Danish clinical text (not words Danish shares: patient, status, hospital, register, situation, for, at). */
const ENGLISH = [
  'the', 'and', 'of', 'is', 'was', 'are', 'with', 'until', 'unless', 'when', 'which', 'this', 'that', 'must', 'may', 'not', 'only', 'on',
  'decision', 'decided', 'withdrawn', 'withdraw', 'lapsed', 'pending', 'required', 'confirmation', 'confirm', 'written', 'improvement',
  'significant', 'illness', 'refusal', 'resuscitation', 'resuscitate', 'attempt', 'none', 'null', 'undefined', 'true', 'false', 'NaN',
  'binding', 'advisory', 'physician', 'nurse', 'paramedic', 'worker', 'reason', 'flag', 'flags', 'grounds', 'unknown', 'since',
  'effective', 'revoked', 'revocation', 'temporarily', 'will', 'living', 'treatment', 'registered', 'relatives', 'accepted',
  'message', 'reply', 'sender', 'recipient', 'admission', 'discharge', 'transfer', 'municipality', 'practice', 'prehospital',
  'in_force', 'object',
];

/** Every code of the domain's vocabularies that is not also a Danish word. */
const CODES = [
  ...DECISION_BASES, ...PHYSICIAN_GROUNDS, ...REVISION_ACTIONS, ...ROLES, ...SECTORS, ...HANDOVER_KINDS, 'testament', 'DNACPR',
].filter((code) => !['patient', 'register', 'hospital'].includes(code));

const LETTER = 'A-Za-zÆØÅæøåÉé';
const word = (w: string) => new RegExp(`(?<![${LETTER}_])${w}(?![${LETTER}_])`, 'i');

const CHECKS: Array<[string, RegExp]> = [
  ['enum code (SCREAMING_SNAKE)', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ['enum code (snake_case)', /\b[a-z]+_[a-z_]+\b/],
  ['rule id', /(?<![A-Za-z])R\d+(\.\d+[a-z]?)?(?![0-9])/],
  ['ISO date or timestamp', /\b\d{4}-\d{2}-\d{2}(T|\b)/],
  ['clock time with seconds or UTC', /\b\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?\b/],
  ...[...new Set([...ENGLISH, ...CODES])].map((w): [string, RegExp] => [`English or code word »${w}«`, word(w)]),
];

/** What in the text is not plain clinical Danish; empty when nothing. */
export function notDanish(text: string): string[] {
  const found: string[] = [];
  for (const [what, pattern] of CHECKS) {
    const hit = pattern.exec(text);
    if (hit) found.push(`${what}: »…${text.slice(Math.max(0, hit.index - 30), hit.index + hit[0].length + 30)}…«`);
  }
  return found;
}

/** The texts of a CareCommunication Bundle that people read: narratives, topic, message segments. */
export function textsOfBundle(bundle: any): string[] {
  const texts: string[] = [];
  for (const { resource } of bundle.entry ?? []) {
    if (resource.text?.div) texts.push(String(resource.text.div).replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    if (resource.topic?.text) texts.push(resource.topic.text);
    for (const p of resource.payload ?? []) if (p.contentString) texts.push(p.contentString);
  }
  return texts;
}

/** The texts of a handover message document (an epikrise or udskrivningsrapport section, or the JSON beside a Bundle) that people read. */
export function textsOfMessage(m: any): string[] {
  const r = m.resuscitation ?? {};
  const placement = m.letter?.placement ? Object.values(m.letter.placement) : [];
  return [m.text, r.statement, r.explanation, r.whoseDecision, r.howItMayChange, ...textsOfStatus(r), m.futureArrangements, m.letter?.textBlock, ...placement]
    .filter((t): t is string => typeof t === 'string');
}

/** The texts of a status answer (or a message's resuscitation section) that people read: the statement, the explanation, each flag's detail. */
export function textsOfStatus(status: any): string[] {
  return [status.statement, status.explanation, ...(status.flags ?? []).map((f: any) => f.detail)].filter((t): t is string => typeof t === 'string');
}
