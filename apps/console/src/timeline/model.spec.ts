import { decisionMade, patientRegistered, revised, temporarilyRevoked } from '../../../../libs/domain/src/spec/builders';
import type { EventView } from '../api/types';
import { pictureOf } from './model';

const view = (e: { eventId: string; type: string; recordedAt: string; recordedBy: EventView['recordedBy']; data: unknown }, version: number): EventView =>
  ({ eventId: e.eventId, type: e.type, version, recordedAt: e.recordedAt, recordedBy: e.recordedBy, data: e.data as Record<string, unknown> });
const t = (iso: string) => Date.parse(iso);

describe('the record as a picture, from the service’s own fold', () => {
  const registered = patientRegistered('1948-03-01');
  const physician = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });
  const withdrawn = revised({ decisionId: physician.data.decisionId, action: 'withdraw', revisedAt: '2026-03-05T12:00:00+01:00' });
  const register = decisionMade({ basis: 'register', decidedAt: '2026-03-02T09:00:00+01:00', registeredAt: '2026-03-02' });
  const revocation = temporarilyRevoked({ instrument: 'register', statedAt: '2026-03-12T08:00:00+01:00' });
  const events = [registered, physician, register, withdrawn, revocation].map(view);
  const now = t('2026-03-20T12:00:00+01:00');
  const picture = pictureOf(events, [{ at: '2026-03-03T10:00:00+01:00', by: { sub: 's', name: 'n', role: 'paramedic', org: '1' }, status: 'DNACPR', version: 3 }], now);

  it('a bar per instrument with its states over valid time', () => {
    const bar = (id: string) => picture.bars.find((b) => b.id === id)?.segments.map((s) => [new Date(s.from).toISOString(), s.state]);
    expect(bar(physician.data.decisionId)).toEqual([['2026-03-01T09:00:00.000Z', 'in_force'], ['2026-03-05T11:00:00.000Z', 'withdrawn']]);
    expect(bar(register.data.decisionId)).toEqual([
      ['2026-03-01T23:00:00.000Z', 'pending'], // from 00:00 Danish time on the registration day
      ['2026-03-08T23:00:00.000Z', 'in_force'], // registeredAt + 7 days (R5.1)
      ['2026-03-12T07:00:00.000Z', 'suspended'],
    ]);
  });

  it('the verdict over valid time: attempt CPR whenever nothing is in force', () =>
    expect(picture.verdict.map((s) => [new Date(s.from).toISOString(), s.state])).toEqual([
      [new Date(picture.start).toISOString(), 'ATTEMPT_CPR'],
      ['2026-03-01T09:00:00.000Z', 'DNACPR'],
      ['2026-03-05T11:00:00.000Z', 'ATTEMPT_CPR'],
      ['2026-03-08T23:00:00.000Z', 'DNACPR'],
      ['2026-03-12T07:00:00.000Z', 'ATTEMPT_CPR'],
    ]));

  it('events as marks at their own time (not the registration), lookups as ticks, and room around them', () => {
    expect(picture.marks.map((m) => m.type)).toEqual(['DecisionMade', 'DecisionMade', 'Revised', 'TemporarilyRevoked']);
    expect(picture.ticks).toEqual([{ at: t('2026-03-03T10:00:00+01:00'), status: 'DNACPR', version: 3 }]);
    expect(picture.start).toBeLessThan(t('2026-03-01T09:00:00Z'));
    expect(picture.end).toBeGreaterThan(now);
    expect(picture.verdict[picture.verdict.length - 1].to).toBe(picture.end);
  });
});
