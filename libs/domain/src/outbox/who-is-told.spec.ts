/** Who is told (handover-messages.md, 2026-11-22): R7.1a re-evaluations, R7.3a unaddressable recipients, R7.5a the originating sites. */
import { actor, conditionImproved, decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered, revised, site, temporarilyRevoked } from '../spec/builders';
import fc from 'fast-check';
import { PatientEvent } from '../events/patient-event';
import { arbHistory } from '../spec/arbitraries';
import { StatusAssessment } from '../status/status-at';
import { queryAsOf } from '../status/status-change';
import { assessStream, EMPTY_STREAM_STATUS, withEvent } from '../status/stream-status';
import { willInstruments } from '../status/timeline';
import { messagesCausedBy } from './messages-owed';
import { originatingOrganisations } from './who-is-told';

const reg = patientRegistered('1948-03-01');
const hospitalPhysician = actor('physician', { org: HOSPITAL.sor, orgName: HOSPITAL.name, sector: 'hospital' });
const homeNurse = actor('nurse', { org: NURSING_HOME.sor, sector: 'municipality' });
const decided = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00', oral: true }, { by: hospitalPhysician });
const discharge = handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'discharge' }, { by: actor('nurse', { org: HOSPITAL.sor }) });
const to = (ms: ReturnType<typeof messagesCausedBy>) => ms.map((m) => `${m.kind}→${m.recipient.sor ?? m.recipient.name}`).sort();

describe('R7.1a a re-evaluation is communicated even when it changes nothing', () => {
  const gpPhysician = actor('physician', { org: GP.sor });

  it('a reaffirmation without any flag to clear reaches every site told before and the deciding site', () => {
    const plain = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: hospitalPhysician });
    const reaffirmed = revised({ decisionId: plain.data.decisionId, action: 'reaffirm', revisedAt: '2026-03-20T09:00:00+01:00' }, { by: gpPhysician });
    // told: the GP (epikrise) and the nursing home; the deciding hospital too; never the GP's own practice, which recorded it.
    expect(to(messagesCausedBy([reg, plain, discharge, reaffirmed], 'p1'))).toEqual([`korrespondancemeddelelse→${HOSPITAL.sor}`, `korrespondancemeddelelse→${NURSING_HOME.sor}`].sort());
  });

  it('a written confirmation of an oral decision reaches them too', () => {
    const confirmed = revised({ decisionId: decided.data.decisionId, action: 'confirm_in_writing', revisedAt: '2026-03-06T09:00:00+01:00' }, { by: hospitalPhysician });
    expect(to(messagesCausedBy([reg, decided, discharge, confirmed], 'p1'))).toEqual([`korrespondancemeddelelse→${GP.sor}`, `korrespondancemeddelelse→${NURSING_HOME.sor}`].sort());
  });
});

describe('R7.3a an owed message that cannot be addressed is created, never dropped', () => {
  it('a discharge without a GP still owes the epikrise, to a GP not yet named', () => {
    const noGp = handedOverTo({ at: '2026-03-05T10:00:00+01:00', kind: 'discharge', generalPractitioner: undefined }, { by: actor('nurse', { org: HOSPITAL.sor }) });
    const owed = messagesCausedBy([reg, decided, noGp], 'p1');
    const epikrise = owed.find((m) => m.kind === 'epikrise');
    expect(epikrise?.recipient).toEqual({ sector: 'general_practice', name: 'Patientens praktiserende læge (ikke oplyst ved udskrivelsen)' });
    expect(epikrise?.resuscitation.status).toBe('DNACPR');
  });

  it('a deciding organisation never named in a handover is addressed by the SOR the record holds', () => {
    const elsewhere = actor('physician', { org: '999888777', orgName: 'Hospice Sydfyn', sector: 'hospital' });
    const decidedElsewhere = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T09:00:00+01:00' }, { by: elsewhere });
    const withdrawal = revised({ decisionId: decidedElsewhere.data.decisionId, action: 'withdraw', revisedAt: '2026-03-20T09:00:00+01:00' }, { by: hospitalPhysician });
    const owed = messagesCausedBy([reg, decidedElsewhere, discharge, withdrawal], 'p1');
    expect(owed.find((m) => m.recipient.sor === '999888777')?.recipient).toEqual({ sector: 'hospital', sor: '999888777', name: 'Hospice Sydfyn' });
  });
});

describe('R7.5a the site where the decision was made is the organisation that recorded each touched instrument', () => {
  it("a nursing home records the patient's wish for CPR: the hospital that made the decision is told", () => {
    const wish = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-10T10:00:00+01:00' }, { by: homeNurse });
    expect(to(messagesCausedBy([reg, decided, discharge, wish], 'p1'))).toEqual([`korrespondancemeddelelse→${GP.sor}`, `korrespondancemeddelelse→${HOSPITAL.sor}`].sort());
  });

  it('an improvement recorded by the nursing home reaches the deciding hospital (re-evaluation required)', () => {
    const improved = conditionImproved({ at: '2026-03-10T10:00:00+01:00' }, { by: homeNurse });
    expect(to(messagesCausedBy([reg, decided, discharge, improved], 'p1'))).toContain(`korrespondancemeddelelse→${HOSPITAL.sor}`);
  });

  it('an instrument the change does not touch is not an origin', () => {
    const otherHospital = site('hospital', '555', '5790000121526', 'Andet hospital');
    const other = actor('physician', { org: otherHospital.sor });
    const register = decisionMade({ basis: 'register', registeredAt: '2026-03-08', decidedAt: '2026-03-08T09:00:00+01:00' }, { by: other });
    const confirmed = revised({ decisionId: decided.data.decisionId, action: 'confirm_in_writing', revisedAt: '2026-03-09T09:00:00+01:00' }, { by: hospitalPhysician });
    expect(to(messagesCausedBy([reg, decided, discharge, register, confirmed], 'p1'))).not.toContain('korrespondancemeddelelse→555');
  });
});

describe('R7.5a the touched instruments, compared as they stand', () => {
  /** The first form of the rule: each instrument written as a text of its state and its sorted flag codes, and the will instruments worked out from the prefix. */
  function referenceOrigins(event: PatientEvent, before: StatusAssessment, after: StatusAssessment, prefix: readonly PatientEvent[]): string[] {
    const wills = willInstruments(prefix);
    const instrumentOf = (id: string) => wills.get(id) ?? id;
    const shown = (a: StatusAssessment, id: string) =>
      `${a.instruments.find((i) => i.view.id === id)?.view.state ?? '-'}|${a.flags.filter((f) => f.instrumentId === id).map((f) => f.code).sort().join(',')}`;
    const ids = new Set([...before.instruments, ...after.instruments].map((i) => i.view.id));
    const touched = new Set([...ids].filter((id) => shown(before, id) !== shown(after, id)));
    if (event.type === 'Revised') touched.add(instrumentOf(event.data.decisionId));
    const origins = new Set<string>();
    for (const e of prefix) {
      const id = e.type === 'DecisionMade' ? e.data.decisionId : e.type === 'TestamentActivated' ? e.data.activationId ?? e.eventId : null;
      if (id && touched.has(instrumentOf(id))) origins.add(e.recordedBy.org);
    }
    return [...origins];
  }

  it('names the same organisations as the first form, with the stream\'s will record passed in, on random histories', () => {
    let named = 0;
    fc.assert(fc.property(arbHistory, (stream) => {
      let status = EMPTY_STREAM_STATUS;
      for (const event of stream) {
        const query = queryAsOf(event, 'p');
        const before = assessStream(status, query);
        status = withEvent(status, event);
        const after = assessStream(status, query);
        const origins = originatingOrganisations(event, before, after, status.events, status.wills.instrumentOf).map((o) => o.sor);
        expect(origins).toEqual(referenceOrigins(event, before, after, status.events));
        named += origins.length;
      }
    }), { numRuns: 300, seed: 11 });
    expect(named).toBeGreaterThan(100);
  });
});
