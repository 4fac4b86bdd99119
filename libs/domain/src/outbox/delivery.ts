/**
 * Delivering one owed message (handover-messages.md § Delivery), as a pure decider: the
 * delivery so far and what just happened in, the delivery after it out. The relay does the
 * I/O and stores the result; every rule about sends, receipts, resends and escalation is here.
 *
 * - A message is sent until the transport confirms it; a failed send is retried with back-off
 *   on its own, so one recipient never holds up another. Undeliverable for `resendAfterMs` ⇒
 *   escalated (UNDELIVERABLE), and still retried: it goes out once the recipient can take it.
 * - A message held behind an earlier one to the same place for the same patient (which has not
 *   gone out) fails to go out with it and escalates like it — at once when the predecessor is
 *   escalated because it cannot go out — but keeps its `dueAt`: it goes out the moment its
 *   predecessor has.
 * - Receipts follow MedCom reliable messaging: `ok` ⇒ acknowledged; no receipt within
 *   `resendAfterMs` ⇒ resend (same messageId, new envelope), at most `maxResends` times, then
 *   escalated (NO_RECEIPT); `fatal-error` ⇒ escalated (FATAL_ERROR); `transient-error` ⇒ resend.
 *   A receipt's own date is a stated time (R1.4): kept and shown, refused when it lies more than
 *   5 minutes after the receipt is recorded, and never what a resend or an escalation counts from.
 * - A message owed to a site whose address is unknown is escalated at once (UNADDRESSED, R7.3a)
 *   and sent as soon as the site becomes known. An out-of-hours udskrivningsrapport is sent as
 *   usual but stays escalated (PHONE_CONTACT_REQUIRED, R7.3) until it is acknowledged.
 */
import { AHEAD_ALLOWED } from '../decider/stated-times';
import { Instant } from '../time/danish-time';
import { Site } from '../vocabulary/primitives';
import { Addressee } from './addressee';

export const DELIVERY_STATES = ['pending', 'sent', 'acknowledged', 'failed', 'escalated'] as const;
/** As GET /v1/outbox shows it: escalated whenever someone must act, until the message is acknowledged. */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const RECEIPT_OUTCOMES = ['ok', 'transient-error', 'fatal-error'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

export const ESCALATION_REASONS = ['NO_RECEIPT', 'FATAL_ERROR', 'UNADDRESSED', 'PHONE_CONTACT_REQUIRED', 'UNDELIVERABLE'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface Escalation {
  reason: EscalationReason;
  since: Instant;
}

export interface Delivery {
  state: DeliveryState;
  /** Sends the transport confirmed. */
  attempts: number;
  lastSentAt: Instant | null;
  /** When the relay must act next (send, resend or give up waiting); null when nothing is due. */
  dueAt: Instant | null;
  /** Consecutive failed sends, and since when the message has been failing to go out. */
  failures: number;
  failingSince: Instant | null;
  escalation: Escalation | null;
  /** R7.3 out-of-hours discharge: someone must phone the receiving staff until the receipt comes. */
  phoneContactRequired: boolean;
  /** The first send the transport confirmed: a receipt dated before it cannot answer this message. */
  firstSentAt: Instant | null;
  /** The latest receipt, as the recipient (or staff recording a phoned one) gave it: `at` is the time it states. */
  lastReceipt: { outcome: ReceiptOutcome; at: Instant; detail?: string } | null;
  lastError: string | null;
  /** The envelope id of the latest confirmed send (MedCom: Bundle.id); absent until the first. */
  lastEnvelopeId?: string;
  /** The parties as addressed at the latest confirmed send: what went out, whatever the sites directory says later. */
  sentAs?: SentParties;
}

/** Sender, recipient and place of delivery with the EAN and telephone number a send carried. */
export interface SentParties {
  sender: Site;
  recipient: Site;
  deliverTo?: Addressee;
}

export type DeliveryEvent =
  | { type: 'owed'; at: Instant; addressable: boolean; phoneContactRequired: boolean; /** What the directory lacks, when not addressable. */ missing?: string }
  | { type: 'addressed'; at: Instant }
  | { type: 'unaddressed'; at: Instant; missing: string }
  | { type: 'due'; at: Instant }
  | { type: 'sent'; at: Instant; /** The envelope (MedCom: Bundle.id) the transport confirmed. */ envelopeId?: string; sentAs?: SentParties }
  | { type: 'send_failed'; at: Instant; error: string }
  /** Not sent: an earlier message to the same place for the same patient has not gone out (a recipient never gets a newer status before an older one). */
  | { type: 'held'; at: Instant; /** That earlier message's delivery as it now stands. */ predecessor: Delivery }
  /** `at`: when the receipt is recorded (what schedules count from); `statedAt`: the time the recipient gave it. */
  | { type: 'receipt'; at: Instant; statedAt: Instant; outcome: ReceiptOutcome; detail?: string };

export interface DeliveryPolicy {
  resendAfterMs: number;
  maxResends: number;
  /** Back-off between failed sends: doubles from `firstRetryMs` up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

/** What the relay does after a decision: send the message now, or nothing. */
export interface DeliveryDecision {
  delivery: Delivery;
  send: boolean;
  /** Why the event cannot apply (a receipt for a message not yet sent, or dated before it was); the delivery is unchanged. */
  refused?: string;
}

export function decideDelivery(d: Delivery | null, event: DeliveryEvent, policy: DeliveryPolicy): DeliveryDecision {
  if (event.type === 'owed') return owed(event);
  if (!d) throw new Error(`delivery event ${event.type} before the message was owed`);
  if (event.type === 'receipt') {
    const refused = receiptRefusal(d, event);
    if (refused) return { delivery: d, send: false, refused };
  }
  if (d.state === 'acknowledged') return keep(d); // nothing changes an acknowledged message
  switch (event.type) {
    case 'addressed':
      return keep(d.escalation?.reason === 'UNADDRESSED' ? withEscalation({ ...d, dueAt: event.at, lastError: null }, initialEscalation(d.phoneContactRequired, event.at)) : d);
    case 'unaddressed':
      return keep(withEscalation({ ...d, dueAt: null, lastError: unaddressable(event.missing) }, { reason: 'UNADDRESSED', since: event.at }));
    case 'due':
      return due(d, event.at, policy);
    case 'sent':
      return keep(sent(d, event, policy));
    case 'send_failed':
      return keep(sendFailed(d, event, policy));
    case 'held':
      return keep(held(d, event, policy));
    case 'receipt':
      return keep(receipt(d, event, policy));
  }
}

function owed(e: Extract<DeliveryEvent, { type: 'owed' }>): DeliveryDecision {
  const base: Delivery = {
    state: 'pending', attempts: 0, lastSentAt: null, dueAt: e.addressable ? e.at : null, failures: 0, failingSince: null,
    escalation: null, phoneContactRequired: e.phoneContactRequired, firstSentAt: null, lastReceipt: null,
    lastError: e.addressable || !e.missing ? null : unaddressable(e.missing),
  };
  const escalation = e.addressable ? initialEscalation(e.phoneContactRequired, e.at) : { reason: 'UNADDRESSED' as const, since: e.at };
  return { delivery: withEscalation(base, escalation), send: false };
}

const unaddressable = (missing: string) => `kan ikke adresseres: mangler ${missing}`.slice(0, 500);

function initialEscalation(phoneContactRequired: boolean, at: Instant): Escalation | null {
  return phoneContactRequired ? { reason: 'PHONE_CONTACT_REQUIRED', since: at } : null;
}

/** The time has come: send what has not gone out, resend what was not answered, or give up waiting. */
function due(d: Delivery, at: Instant, policy: DeliveryPolicy): DeliveryDecision {
  if (d.dueAt === null || d.dueAt > at) return keep(d);
  const awaitingReceipt = d.attempts > 0 && d.failingSince === null && d.state !== 'failed';
  if (awaitingReceipt && d.attempts > policy.maxResends) {
    return keep(withEscalation({ ...d, dueAt: null, lastError: `ingen kvittering efter ${policy.maxResends} genafsendelser` }, { reason: 'NO_RECEIPT', since: at }));
  }
  return { delivery: d, send: true };
}

function sent(d: Delivery, { at, envelopeId, sentAs }: Extract<DeliveryEvent, { type: 'sent' }>, policy: DeliveryPolicy): Delivery {
  const cleared = d.escalation?.reason === 'UNDELIVERABLE' ? initialEscalation(d.phoneContactRequired, at) : d.escalation;
  const next = {
    ...d, attempts: d.attempts + 1, lastSentAt: at, firstSentAt: d.firstSentAt ?? at, dueAt: at + policy.resendAfterMs, failures: 0, failingSince: null, lastError: null,
    ...(envelopeId ? { lastEnvelopeId: envelopeId } : {}), ...(sentAs ? { sentAs } : {}),
  };
  return withEscalation(next, cleared, 'sent');
}

function sendFailed(d: Delivery, e: Extract<DeliveryEvent, { type: 'send_failed' }>, policy: DeliveryPolicy): Delivery {
  const failures = d.failures + 1;
  const failingSince = d.failingSince ?? e.at;
  const backOff = Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** (failures - 1));
  return escalatedWhenStuck({ ...d, failures, failingSince, dueAt: e.at + backOff, lastError: e.error.slice(0, 500) }, e.at, policy);
}

export const WAITING_FOR_PREDECESSOR = 'venter på en tidligere meddelelse til samme modtager om samme patient';

/**
 * Held behind its predecessor: it is not going out either, so it fails and escalates like it —
 * UNDELIVERABLE at once when someone must already act because the predecessor cannot go out,
 * otherwise after `resendAfterMs` of waiting. But this is no failed send of its own: no back-off
 * (`failures` and `dueAt` stay), so it is due the moment its predecessor has gone out. Only a
 * message never sent waits for one.
 */
function held(d: Delivery, { at, predecessor }: Extract<DeliveryEvent, { type: 'held' }>, policy: DeliveryPolicy): Delivery {
  if (d.attempts > 0) return d;
  const next = { ...d, failingSince: d.failingSince ?? at, lastError: WAITING_FOR_PREDECESSOR };
  if (cannotGoOut(predecessor) && next.escalation === null) return withEscalation(next, { reason: 'UNDELIVERABLE', since: at });
  return escalatedWhenStuck(next, at, policy);
}

/** Never sent, and escalated because it cannot be: no address (R7.3a), or undeliverable for `resendAfterMs`. */
function cannotGoOut(d: Delivery): boolean {
  return d.attempts === 0 && (d.escalation?.reason === 'UNADDRESSED' || d.escalation?.reason === 'UNDELIVERABLE');
}

/** Failing to go out for `resendAfterMs` ⇒ escalated UNDELIVERABLE (unless someone must act already for another reason). */
function escalatedWhenStuck(d: Delivery, at: Instant, policy: DeliveryPolicy): Delivery {
  const stuck = d.failingSince !== null && at - d.failingSince >= policy.resendAfterMs && d.escalation === null;
  return stuck ? withEscalation(d, { reason: 'UNDELIVERABLE', since: at }) : d;
}

/**
 * A receipt answers a message that went out: none before the first confirmed send, none dated
 * before it. Its date describes something that has happened (R1.4): one more than 5 minutes
 * after the receipt is recorded is a typo or a forgery — taken, a date in year 9999 once put
 * the resend there, so the message was never resent or escalated.
 */
function receiptRefusal(d: Delivery, e: Extract<DeliveryEvent, { type: 'receipt' }>): string | undefined {
  if (d.firstSentAt === null) return 'the message has not been delivered yet, so it cannot have been received';
  if (e.statedAt > e.at + AHEAD_ALLOWED) return 'the receipt is dated more than 5 minutes after it is recorded: a receipt describes something that has happened';
  if (e.statedAt < d.firstSentAt) return 'the receipt is dated before the message was sent';
  return undefined;
}

function receipt(d: Delivery, e: Extract<DeliveryEvent, { type: 'receipt' }>, policy: DeliveryPolicy): Delivery {
  const detail = e.detail ? `: ${e.detail}` : '';
  const lastReceipt = { outcome: e.outcome, at: e.statedAt, ...(e.detail ? { detail: e.detail.slice(0, 2000) } : {}) };
  // A resend or an escalation counts from e.at, when the receipt is recorded: never from a time the caller states.
  switch (e.outcome) {
    case 'ok':
      return { ...d, state: 'acknowledged', escalation: null, dueAt: null, lastReceipt, lastError: null };
    case 'fatal-error':
      return withEscalation({ ...d, dueAt: null, lastReceipt, lastError: `afvist af modtager${detail}`.slice(0, 500) }, { reason: 'FATAL_ERROR', since: e.at });
    case 'transient-error': {
      const next = { ...d, lastReceipt, lastError: `midlertidig fejl hos modtager${detail}`.slice(0, 500) };
      if (d.attempts > policy.maxResends) return withEscalation({ ...next, dueAt: null }, { reason: 'NO_RECEIPT', since: e.at });
      return withEscalation({ ...next, dueAt: e.at }, d.escalation, 'failed');
    }
  }
}

/** The shown state follows from the escalation: someone must act ⇒ escalated; otherwise where delivery stands. */
function withEscalation(d: Delivery, escalation: Escalation | null, otherwise?: DeliveryState): Delivery {
  const unescalated = otherwise ?? (d.state === 'escalated' ? (d.attempts > 0 ? 'sent' : 'pending') : d.state);
  return { ...d, escalation, state: escalation ? 'escalated' : unescalated };
}

function keep(delivery: Delivery): DeliveryDecision {
  return { delivery, send: false };
}

