/**
 * The people and places of the independent clinical cases (issue 10): who records what, from which
 * organisation, and a way to put a command through the decider and read the status afterwards —
 * as the service does: the decider judges the command at the moment it is recorded, and the event
 * it yields is stored with that moment as its record time.
 */
import { PatientCommand } from '../../../commands/commands';
import { decide } from '../../../decider/decide';
import { foldDeciderState } from '../../../decider/decider-state';
import { isRejection, Rejection } from '../../../decider/rejection';
import { PatientEvent } from '../../../events/patient-event';
import { actor, GP, HOSPITAL, nextId, NURSING_HOME, site } from '../../../spec/builders';
import { given } from '../../../spec/given';
import { instantOf } from '../../../time/danish-time';
import { ResuscitationStatus } from '../../resuscitation-status';

export const AMBULANCE = site('prehospital', '491361000016003', '5790000123452', 'Præhospitalet, Region Nordjylland');
export const HOSPICE = site('hospital', '637151000016008', '5790000987658', 'Hospice Vendsyssel');
export const HOME_CARE = site('municipality', '418391000016005', '5790000555550', 'Hjemmeplejen, Vordingborg Kommune');

export const hospitalPhysician = actor('physician', { sub: 'hosp-phys', name: 'Overlæge Mette Kristensen', org: HOSPITAL.sor, orgName: HOSPITAL.name, sector: 'hospital' });
export const hospitalNurse = actor('nurse', { sub: 'hosp-nurse', name: 'Sygeplejerske Anne Holm', org: HOSPITAL.sor, orgName: HOSPITAL.name, sector: 'hospital' });
export const gpPhysician = actor('physician', { sub: 'gp', name: 'Praktiserende læge Peter Mørk', org: GP.sor, orgName: GP.name, sector: 'general_practice' });
export const homeNurse = actor('nurse', { sub: 'nh-nurse', name: 'Sygeplejerske Birthe Lund', org: NURSING_HOME.sor, orgName: NURSING_HOME.name, sector: 'municipality' });
export const careWorker = actor('care_worker', { sub: 'hc-worker', name: 'Social- og sundhedshjælper Jonas Dam', org: HOME_CARE.sor, orgName: HOME_CARE.name, sector: 'municipality' });
export const paramedic = actor('paramedic', { sub: 'amb', name: 'Ambulancebehandler Ole Kjær', org: AMBULANCE.sor, orgName: AMBULANCE.name, sector: 'prehospital' });
export const hospicePhysician = actor('physician', { sub: 'hospice-phys', name: 'Overlæge Hans Vinther', org: HOSPICE.sor, orgName: HOSPICE.name, sector: 'hospital' });

/** The status the service answers for `at`, knowing what was recorded up to `knownAt` (default: everything). */
export function statusOf(events: PatientEvent[], at: string, knownAt?: string): ResuscitationStatus {
  return given(...events).at(at, knownAt).status();
}

/** A command recorded at `now`: the rejection, or the history with the recorded event appended. */
export function record(history: PatientEvent[], command: PatientCommand, now: string): PatientEvent[] | Rejection {
  const result = decide(command, foldDeciderState(history), instantOf(now));
  if (isRejection(result)) return result;
  const recorded = result.map((e) => ({ eventId: nextId(), type: e.type, schemaVersion: 1, recordedAt: now, recordedBy: command.by, data: e.data }) as PatientEvent);
  return [...history, ...recorded];
}

/** The command must be accepted; the history after it. */
export function accepted(history: PatientEvent[], command: PatientCommand, now: string): PatientEvent[] {
  const r = record(history, command, now);
  if (isRejection(r)) throw new Error(`the guidance allows this, but the service refused it: ${JSON.stringify(r)}`);
  return r;
}

export { isRejection };
