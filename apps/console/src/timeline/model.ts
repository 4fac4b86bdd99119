/**
 * The patient's record as a picture, worked out with the service's own fold (statusAt from
 * @dnr/domain) over the events GET …/events returns: each instrument's state over valid time, the
 * overall verdict over valid time, the events as marks, the lookups as ticks. Drawing it costs no
 * status reads (each read would be audited); the replay at a »kendt pr.« moment asks the service.
 *
 * An instrument's state changes only at an event's effective time or at a register refusal's
 * effective day, so sampling the fold at exactly those instants gives every segment.
 */
import { addDays, effectiveInstantOf, instantOf, startOfDanishDay, statusAt, upcast, type InstrumentKind, type InstrumentState, type PatientEvent, type Status } from '@dnr/domain';
import type { EventView, LookupView } from '../api/types';

export interface Segment<S> {
  from: number;
  to: number;
  state: S;
}

export interface Bar {
  id: string;
  kind: InstrumentKind;
  segments: Segment<InstrumentState>[];
}

export interface Mark {
  at: number;
  recordedAt: number;
  type: string;
  eventId: string;
}

export interface Tick {
  at: number;
  /** null: a look-up by CPR that found nobody, before the patient was registered. */
  status: Status | null;
  version: number;
  via?: 'registration';
}

export interface Picture {
  start: number;
  end: number;
  verdict: Segment<Status>[];
  bars: Bar[];
  marks: Mark[];
  ticks: Tick[];
}

/** An event as GET …/events gives it, read back into the domain's event (validated the way the service reads its store). */
export function asPatientEvent(view: EventView): PatientEvent | null {
  try {
    return upcast({ eventId: view.eventId, type: view.type, schemaVersion: 1, recordedAt: view.recordedAt, recordedBy: view.recordedBy, data: view.data });
  } catch {
    return null;
  }
}

export function pictureOf(views: readonly EventView[], lookups: readonly LookupView[], now: number): Picture {
  const events = views.map(asPatientEvent).filter((e): e is PatientEvent => e !== null);
  const moments = changeMoments(events, now);
  const samples = moments.map((at) => ({ at, answer: statusAt(events, { patientId: 'picture', at, knownAt: now }) }));
  const marks = events.filter((e) => e.type !== 'PatientRegistered').map((e) => ({ at: effectiveInstantOf(e), recordedAt: instantOf(e.recordedAt), type: e.type, eventId: e.eventId }));
  const ticks = lookups.map((l) => ({ at: Date.parse(l.at), status: l.status, version: l.version, ...(l.via ? { via: l.via } : {}) })).filter((t) => !Number.isNaN(t.at));
  const times = [...moments, ...marks.map((m) => m.at), ...marks.map((m) => m.recordedAt), ...ticks.map((t) => t.at)];
  const first = Math.min(...times);
  const last = Math.max(...times, now);
  const pad = Math.max((last - first) * 0.04, 3_600_000);
  const start = first - pad;
  const end = last + pad;
  // The verdict from the left edge: what the fold answers before the first change (attempt CPR: nothing yet).
  const before = { at: start, state: statusAt(events, { patientId: 'picture', at: start, knownAt: now }).status };
  return {
    start,
    end,
    verdict: segments([before, ...samples.map((s) => ({ at: s.at, state: s.answer.status }))], end),
    bars: barsOf(samples, end),
    marks,
    ticks,
  };
}

/** Every instant at which some instrument's state may change: the events' effective times and register refusals' effective days. */
function changeMoments(events: readonly PatientEvent[], now: number): number[] {
  const moments = new Set<number>();
  for (const e of events) {
    const at = effectiveInstantOf(e);
    if (Number.isFinite(at)) moments.add(at);
    if (e.type === 'DecisionMade' && e.data.basis === 'register' && e.data.registeredAt) moments.add(startOfDanishDay(addDays(e.data.registeredAt, 7)));
  }
  if (moments.size === 0) moments.add(now);
  return [...moments].sort((a, b) => a - b);
}

function segments<S>(points: ReadonlyArray<{ at: number; state: S }>, end: number): Segment<S>[] {
  const out: Segment<S>[] = [];
  points.forEach((p, i) => {
    const to = points[i + 1]?.at ?? end;
    const last = out[out.length - 1];
    if (last && last.state === p.state && last.to === p.at) last.to = to;
    else out.push({ from: p.at, to, state: p.state });
  });
  return out;
}

function barsOf(samples: ReadonlyArray<{ at: number; answer: ReturnType<typeof statusAt> }>, end: number): Bar[] {
  const byId = new Map<string, { kind: InstrumentKind; points: Array<{ at: number; state: InstrumentState }> }>();
  samples.forEach(({ at, answer }) => {
    for (const i of answer.instruments) {
      const bar = byId.get(i.id) ?? { kind: i.kind, points: [] };
      bar.points.push({ at, state: i.state });
      byId.set(i.id, bar);
    }
  });
  return [...byId.entries()].map(([id, { kind, points }]) => ({ id, kind, segments: segments(points, end) }));
}
