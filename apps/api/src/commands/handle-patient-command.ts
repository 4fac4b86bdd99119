/**
 * The one command service: every patient command — registration included — goes read the
 * stream (through PatientHistories: the decider's state of it kept between the patient's
 * commands) → decide at the record time → append with the expected version. Commands for one
 * patient run one at a time in this process (so concurrent writers on one stream do not all
 * read the same version); a lost race with another replica is retried once when the caller gave
 * no If-Match, and otherwise answered 409. With an Idempotency-Key the event id is derived from
 * it, so a retry finds the stored event and gets the first answer back.
 */
import { isRejection, patientDecider, PatientCommand } from '@dnr/domain';
import { DuplicateEventError, EventStore, patientStream, StoredEvent, WrongExpectedVersionError } from '@dnr/event-store';
import { Problem, problemFromRejection } from '@dnr/http';
import { PatientHistories } from '../queries/patient-histories';
import { OneWriterPerPatient } from './one-writer-per-patient';
import { recordedEvent } from './recorded-event';

export interface CommandOptions {
  /** The event id to append under: derived from the Idempotency-Key when there is one, random otherwise. */
  eventId: string;
  /** If-Match: the version the caller last saw. */
  ifMatch?: number;
  /** With an Idempotency-Key: the hash of what was asked, to tell a retry from a reuse. */
  requestHash?: string;
  now: () => number;
}

/** What came of a command: one event appended (or found, on an idempotent retry), or nothing to record (a known patient registered again). */
export type CommandOutcome =
  | { kind: 'appended'; eventId: string; version: number; replayed: boolean }
  | { kind: 'unchanged'; version: number };

const writers = new OneWriterPerPatient();

/** `histories`: the service's one PatientHistories; without it, every command reads the stream anew. */
export async function handlePatientCommand(store: EventStore, patientId: string, command: PatientCommand, options: CommandOptions, histories = new PatientHistories(store)): Promise<CommandOutcome> {
  const stream = patientStream(patientId);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await writers.run(patientId, () => decideAndAppend(store, histories, patientId, command, options, attempt === 1));
    } catch (error) {
      if (error instanceof DuplicateEventError) return replay((await store.findEvent(stream, options.eventId)) as StoredEvent, options.requestHash);
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (command.type === 'RegisterPatient') return { kind: 'unchanged', version: error.actual }; // registered concurrently
      if (options.ifMatch !== undefined || attempt >= 2) return replayOrConflict(store, stream, options, error.actual);
    }
  }
}

/**
 * `trusted`: decide on what PatientHistories remembers without asking the store whether the stream
 * moved (a probe per command: a round trip to KurrentDB, a twentieth of the API thread on SQLite).
 * An append is checked by the store against the version decided on, so a stale memory costs a lost
 * race and a retry, never a wrong event; every other answer — a refusal, nothing to record, an
 * If-Match that does not match — is given only after deciding again on the stream as it is.
 */
async function decideAndAppend(store: EventStore, histories: PatientHistories, patientId: string, command: PatientCommand, options: CommandOptions, trusted = false): Promise<CommandOutcome> {
  const again = () => decideAndAppend(store, histories, patientId, command, options, false);
  if (options.requestHash) {
    // Looked for in the patient's turn, not before it: the same request sent again while the first
    // was being written (a client's retry on a timeout) finds the first one's event and gets its
    // answer, instead of being decided anew against the state it made ("already withdrawn").
    const prior = await store.findEvent(patientStream(patientId), options.eventId);
    if (prior) return replay(prior, options.requestHash);
  }
  const { version: current, decider: state } = await histories.forCommand(patientId, trusted);
  if (options.ifMatch !== undefined && current > 0 && options.ifMatch !== current) return trusted ? again() : replayOrConflict(store, patientStream(patientId), options, current);
  const recordedAt = patientDecider.recordTimeOf(state, options.now());
  const decided = patientDecider.decide(command, state, recordedAt);
  if (trusted && (isRejection(decided) || decided.length === 0)) return again();
  if (isRejection(decided)) throw problemFromRejection(decided);
  if (decided.length === 0) return { kind: 'unchanged', version: current };
  const event = recordedEvent(decided[0], options.eventId, command.by, recordedAt);
  const metadata = options.requestHash ? { requestHash: options.requestHash } : undefined;
  // Without an Idempotency-Key the id is random and cannot repeat: the store need not look for it
  // (on KurrentDB that is a second read of the whole stream per command).
  const fresh = { freshEventIds: options.requestHash === undefined };
  const { version } = await store.append(patientStream(patientId), [{ eventId: event.eventId, type: event.type, payload: event, metadata }], current === 0 ? 'no_stream' : current, fresh)
    .catch((error: unknown) => { histories.forget(patientId); throw error; }); // a lost race: the retry reads the stream
  if (fresh.freshEventIds) histories.appended(patientId, current, version, event);
  else histories.forget(patientId); // a derived id's "success" may be another replica's event: read it next time
  return { kind: 'appended', eventId: event.eventId, version, replayed: false };
}

function replay(prior: StoredEvent, requestHash: string | undefined): CommandOutcome {
  if (prior.metadata?.requestHash !== requestHash) {
    throw new Problem('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request to this patient');
  }
  return { kind: 'appended', eventId: prior.eventId, version: prior.version, replayed: true };
}

/**
 * The stream moved past the caller's If-Match. When that was this very request — the same
 * Idempotency-Key, sent again while the first was being written — the retry gets the first
 * answer, as it would a moment later; anything else is a conflict.
 */
async function replayOrConflict(store: EventStore, stream: string, options: CommandOptions, actual: number): Promise<CommandOutcome> {
  const prior = options.requestHash ? await store.findEvent(stream, options.eventId) : null;
  if (prior) return replay(prior, options.requestHash);
  throw conflict(actual);
}

function conflict(actual: number): Problem {
  return new Problem('CONCURRENT_MODIFICATION', `the patient's record is now at version ${actual}; read it again and retry`);
}
