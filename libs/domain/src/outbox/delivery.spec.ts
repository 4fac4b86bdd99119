/** handover-messages.md § Delivery, one rule per block: given what happened to a message, when something happens, then its delivery. */
import { decideDelivery, Delivery, DeliveryEvent, DeliveryPolicy } from './delivery';

const MIN = 60_000;
const policy: DeliveryPolicy = { resendAfterMs: 30 * MIN, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 60_000 };
const T0 = Date.parse('2026-03-02T10:00:00+01:00');

/** Folds the events through the decider; `then` reads the delivery and whether the last step asked for a send. */
function given(...events: DeliveryEvent[]) {
  let delivery: Delivery | null = null;
  let send = false;
  for (const e of events) ({ delivery, send } = decideDelivery(delivery, e, policy));
  return { delivery: delivery as unknown as Delivery, send };
}

const owed = (extra: Partial<Extract<DeliveryEvent, { type: 'owed' }>> = {}): DeliveryEvent => ({ type: 'owed', at: T0, addressable: true, phoneContactRequired: false, ...extra });
const due = (at: number): DeliveryEvent => ({ type: 'due', at });
const sent = (at: number): DeliveryEvent => ({ type: 'sent', at });
const failed = (at: number): DeliveryEvent => ({ type: 'send_failed', at, error: 'EACCES: permission denied' });
/** A receipt recorded at `at`, dated by the recipient `statedAt` (by default the same moment). */
const receipt = (outcome: 'ok' | 'transient-error' | 'fatal-error', at: number, statedAt = at): DeliveryEvent => ({ type: 'receipt', at, statedAt, outcome });

describe('an owed message is sent until the transport confirms it', () => {
  it('owed: pending and due at once', () => expect(given(owed()).delivery).toMatchObject({ state: 'pending', dueAt: T0, attempts: 0 }));
  it('due: send it', () => expect(given(owed(), due(T0)).send).toBe(true));
  it('not yet due: nothing to do', () => expect(given(owed(), sent(T0), due(T0 + MIN)).send).toBe(false));
  it('sent: awaiting the receipt, resend due after resendAfterMs', () =>
    expect(given(owed(), due(T0), sent(T0)).delivery).toMatchObject({ state: 'sent', attempts: 1, lastSentAt: T0, dueAt: T0 + 30 * MIN }));
});

describe('one recipient never holds up another: a failed send is retried on its own, with back-off', () => {
  it('each failure doubles the wait, up to the maximum', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const events = [owed(), ...Array.from({ length: n }, (_, i) => failed(T0 + i))];
      return given(...events).delivery.dueAt! - (T0 + n - 1);
    });
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });
  it('still pending while failing, with the error kept', () =>
    expect(given(owed(), failed(T0)).delivery).toMatchObject({ state: 'pending', failures: 1, failingSince: T0, lastError: 'EACCES: permission denied' }));
  it('undeliverable for resendAfterMs ⇒ escalated UNDELIVERABLE, and still retried', () => {
    const d = given(owed(), failed(T0), failed(T0 + 30 * MIN)).delivery;
    expect(d).toMatchObject({ state: 'escalated', escalation: { reason: 'UNDELIVERABLE', since: T0 + 30 * MIN } });
    expect(d.dueAt).not.toBeNull();
  });
  it('delivered after all: the escalation ends, the message awaits its receipt', () =>
    expect(given(owed(), failed(T0), failed(T0 + 30 * MIN), sent(T0 + 31 * MIN)).delivery).toMatchObject({ state: 'sent', escalation: null, failures: 0, failingSince: null, attempts: 1 }));
});

describe('a message held behind an earlier one to the same place for the same patient waits for it, and escalates like it', () => {
  const failing = given(owed(), failed(T0)).delivery;
  const held = (at: number, predecessor = failing): DeliveryEvent => ({ type: 'held', at, predecessor });
  it('not going out, but no failed send of its own: no back-off, so it is due the moment its predecessor has gone out', () => {
    const g = given(owed(), held(T0), held(T0 + MIN), due(T0 + MIN));
    expect(g.delivery).toMatchObject({ state: 'pending', failures: 0, failingSince: T0, dueAt: T0, lastError: expect.stringMatching(/venter på en tidligere meddelelse/) });
    expect(g.send).toBe(true);
  });
  it('held for resendAfterMs ⇒ escalated UNDELIVERABLE; once it goes out the escalation ends', () => {
    expect(given(owed(), held(T0), held(T0 + 30 * MIN)).delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'UNDELIVERABLE', since: T0 + 30 * MIN } });
    expect(given(owed(), held(T0), held(T0 + 30 * MIN), sent(T0 + 31 * MIN)).delivery).toMatchObject({ state: 'sent', escalation: null, failingSince: null, lastError: null });
  });
  it.each([
    ['escalated UNDELIVERABLE', given(owed(), failed(T0), failed(T0 + 30 * MIN)).delivery],
    ['escalated UNADDRESSED', given(owed({ addressable: false })).delivery],
  ])('behind one %s: escalated UNDELIVERABLE at once — someone must act for that place already', (_, predecessor) =>
    expect(given(owed(), held(T0 + MIN, predecessor)).delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'UNDELIVERABLE', since: T0 + MIN }, dueAt: T0 }));
  it('behind one escalated only for a phone call (out of hours, still going out): waits without escalating', () =>
    expect(given(owed(), held(T0 + MIN, given(owed({ phoneContactRequired: true })).delivery)).delivery).toMatchObject({ state: 'pending', escalation: null }));
  it('a message that has gone out waits for nobody', () =>
    expect(given(owed(), sent(T0), held(T0 + 30 * MIN)).delivery).toMatchObject({ state: 'sent', failingSince: null, lastError: null }));
});

describe('receipts follow MedCom reliable messaging', () => {
  const delivered = [owed(), sent(T0)];
  it('ok ⇒ acknowledged, nothing more due', () =>
    expect(given(...delivered, receipt('ok', T0 + MIN)).delivery).toMatchObject({ state: 'acknowledged', dueAt: null, lastReceipt: { outcome: 'ok', at: T0 + MIN } }));
  it('fatal-error ⇒ escalated FATAL_ERROR, no resends', () => {
    const g = given(...delivered, receipt('fatal-error', T0 + MIN), due(T0 + 60 * MIN));
    expect(g.delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'FATAL_ERROR' }, dueAt: null });
    expect(g.send).toBe(false);
  });
  it('transient-error ⇒ failed, resent at once', () => {
    const g = given(...delivered, receipt('transient-error', T0 + MIN), due(T0 + MIN));
    expect(g.delivery.state).toBe('failed');
    expect(g.send).toBe(true);
  });
  it('nothing changes an acknowledged message (a late error, a stale send)', () => {
    const acked = [...delivered, receipt('ok', T0 + MIN)];
    expect(given(...acked, receipt('fatal-error', T0 + 2 * MIN)).delivery.state).toBe('acknowledged');
    expect(given(...acked, sent(T0 + 2 * MIN)).delivery).toMatchObject({ state: 'acknowledged', attempts: 1 });
  });
});

describe('no receipt within resendAfterMs ⇒ resend, at most maxResends times, then escalated NO_RECEIPT', () => {
  const t = (minutes: number) => T0 + minutes * MIN;
  it('resends twice', () => {
    expect(given(owed(), sent(t(0)), due(t(30))).send).toBe(true);
    expect(given(owed(), sent(t(0)), sent(t(30)), due(t(60))).send).toBe(true);
  });
  it('after the second resend: escalated, no further send', () => {
    const g = given(owed(), sent(t(0)), sent(t(30)), sent(t(60)), due(t(90)));
    expect(g.send).toBe(false);
    expect(g.delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'NO_RECEIPT', since: t(90) }, dueAt: null, attempts: 3 });
  });
  it('a late ok still acknowledges it', () =>
    expect(given(owed(), sent(t(0)), sent(t(30)), sent(t(60)), due(t(90)), receipt('ok', t(100))).delivery).toMatchObject({ state: 'acknowledged', escalation: null }));
});

describe('R7.3a a message owed to a site whose address is unknown is escalated at once, never dropped', () => {
  it('UNADDRESSED, nothing due', () => {
    const g = given(owed({ addressable: false }), due(T0 + 60 * MIN));
    expect(g.delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'UNADDRESSED', since: T0 }, dueAt: null });
    expect(g.send).toBe(false);
  });
  it('sent as soon as the site becomes known', () => {
    const g = given(owed({ addressable: false }), { type: 'addressed', at: T0 + MIN }, due(T0 + MIN));
    expect(g.delivery).toMatchObject({ state: 'pending', escalation: null });
    expect(g.send).toBe(true);
  });
  it('an address lost at send time escalates it again', () =>
    expect(given(owed(), { type: 'unaddressed', at: T0, missing: 'EAN' }).delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'UNADDRESSED' }, dueAt: null }));
});

describe('R7.3 an out-of-hours udskrivningsrapport: sent as usual, escalated (phone the staff) until acknowledged', () => {
  it('escalated PHONE_CONTACT_REQUIRED from the start, yet sent', () => {
    const g = given(owed({ phoneContactRequired: true }), due(T0));
    expect(g.delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'PHONE_CONTACT_REQUIRED' } });
    expect(g.send).toBe(true);
  });
  it('stays escalated once sent', () =>
    expect(given(owed({ phoneContactRequired: true }), sent(T0)).delivery).toMatchObject({ state: 'escalated', attempts: 1, escalation: { reason: 'PHONE_CONTACT_REQUIRED' } }));
  it('the receipt ends it', () =>
    expect(given(owed({ phoneContactRequired: true }), sent(T0), receipt('ok', T0 + MIN)).delivery).toMatchObject({ state: 'acknowledged', escalation: null }));
  it('unaddressed first; once addressed it is again a phone-contact case', () =>
    expect(given(owed({ phoneContactRequired: true, addressable: false }), { type: 'addressed', at: T0 + MIN }).delivery.escalation).toMatchObject({ reason: 'PHONE_CONTACT_REQUIRED' }));
});

describe('a receipt answers a message that went out (issue 12: the receipt\'s time is kept and checked)', () => {
  const refusalOf = (...events: DeliveryEvent[]) => {
    let delivery: Delivery | null = null;
    let refused: string | undefined;
    for (const e of events) ({ delivery, refused } = decideDelivery(delivery, e, policy));
    return { delivery: delivery as unknown as Delivery, refused };
  };
  it('dated before the first send: refused, nothing changes', () => {
    const r = refusalOf(owed(), sent(T0), receipt('ok', T0 + MIN, T0 - 1));
    expect(r.refused).toMatch(/before the message was sent/);
    expect(r.delivery.state).toBe('sent');
  });
  it('for a message never sent (unaddressed): refused — it must still go out in writing', () =>
    expect(refusalOf(owed({ addressable: false }), receipt('ok', T0)).refused).toMatch(/not been delivered/));
  it('after a resend, a receipt dated between the sends is accepted (it answers the first)', () =>
    expect(refusalOf(owed(), sent(T0), sent(T0 + 30 * MIN), receipt('ok', T0 + MIN))).toMatchObject({ refused: undefined, delivery: { state: 'acknowledged', firstSentAt: T0, lastReceipt: { at: T0 + MIN } } }));
});

describe('a receipt\'s own time is a stated time (R1.4): kept and shown, never what the relay schedules by', () => {
  const refusalOf = (...events: DeliveryEvent[]) => {
    let delivery: Delivery | null = null;
    let refused: string | undefined;
    for (const e of events) ({ delivery, refused } = decideDelivery(delivery, e, policy));
    return { delivery: delivery as unknown as Delivery, refused };
  };
  const delivered = [owed(), sent(T0)];
  const recorded = T0 + MIN;
  it.each(['ok', 'transient-error', 'fatal-error'] as const)('%s dated more than 5 minutes after it is recorded: refused, nothing changes', (outcome) => {
    const r = refusalOf(...delivered, receipt(outcome, recorded, recorded + 5 * MIN + 1));
    expect(r.refused).toMatch(/more than 5 minutes after it is recorded/);
    expect(r.delivery).toEqual(given(...delivered).delivery);
  });
  it('dated in year 9999: refused', () =>
    expect(refusalOf(...delivered, receipt('transient-error', recorded, Date.parse('9999-12-31T23:59:59+14:00'))).refused).toMatch(/after it is recorded/));
  it('dated up to 5 minutes ahead (clocks differ): taken, its date kept as stated', () =>
    expect(given(...delivered, receipt('ok', recorded, recorded + 5 * MIN)).delivery).toMatchObject({ state: 'acknowledged', lastReceipt: { outcome: 'ok', at: recorded + 5 * MIN } }));
  it('transient-error: resent from the moment it is recorded, whatever time it states', () => {
    const g = given(...delivered, receipt('transient-error', recorded, recorded + 4 * MIN), due(recorded));
    expect(g.delivery).toMatchObject({ state: 'failed', dueAt: recorded, lastReceipt: { at: recorded + 4 * MIN } });
    expect(g.send).toBe(true);
  });
  it('fatal-error: escalated since the moment it is recorded', () =>
    expect(given(...delivered, receipt('fatal-error', recorded, recorded + 4 * MIN)).delivery.escalation).toEqual({ reason: 'FATAL_ERROR', since: recorded }));
  it('transient-error after the last resend: escalated NO_RECEIPT since the moment it is recorded', () =>
    expect(given(owed(), sent(T0), sent(T0 + 30 * MIN), sent(T0 + 60 * MIN), receipt('transient-error', T0 + 61 * MIN, T0 + 62 * MIN)).delivery.escalation).toEqual({ reason: 'NO_RECEIPT', since: T0 + 61 * MIN }));
});
