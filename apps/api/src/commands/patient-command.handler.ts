/**
 * Load the stream, decide, append with the expected version. Without If-Match a lost race is
 * retried once internally (architecture.md); with it, the client's version must still be current.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decide, foldDeciderState, isRejection, recordTimeOf, upcast } from '@dnr/domain';
import { DuplicateEventError, EVENT_STORE, EventStore, patientStream, StoredEvent, WrongExpectedVersionError } from '@dnr/event-store';
import { Clock } from '@dnr/http';
import { Problem, problemFromRejection } from '@dnr/http';
import { OneWriterPerPatient } from './one-writer-per-patient';
import { CommandAnswer, ExecutePatientCommand } from './execute-patient-command';
import { recordedEvent } from './recorded-event';
import { eventIdFor, requestHash } from './request-identity';

@CommandHandler(ExecutePatientCommand)
export class PatientCommandHandler implements ICommandHandler<ExecutePatientCommand, CommandAnswer> {
  private readonly writers = new OneWriterPerPatient();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock) {}

  async execute(cmd: ExecutePatientCommand): Promise<CommandAnswer> {
    const stream = patientStream(cmd.patientId);
    const eventId = eventIdFor(cmd.patientId, cmd.idempotencyKey);
    const hash = requestHash({ type: cmd.command.type, target: targetOf(cmd), body: cmd.command.body });
    if (cmd.idempotencyKey) {
      const prior = await this.store.findEvent(stream, eventId);
      if (prior) return replay(cmd.patientId, prior, hash);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.writers.run(cmd.patientId, () => this.decideAndAppend(cmd, stream, eventId, hash));
      } catch (error) {
        if (error instanceof DuplicateEventError) return replay(cmd.patientId, (await this.store.findEvent(stream, eventId)) as StoredEvent, hash);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (cmd.ifMatch !== undefined || attempt >= 2) throw conflict(error.actual);
      }
    }
  }

  private async decideAndAppend(cmd: ExecutePatientCommand, stream: string, eventId: string, hash: string): Promise<CommandAnswer> {
    const stored = await this.store.readStream(stream);
    if (stored.length === 0) throw new Problem('NOT_FOUND', 'unknown patient');
    if (cmd.ifMatch !== undefined && cmd.ifMatch !== stored.length) throw conflict(stored.length);
    const history = stored.map((e) => upcast(e.payload));
    const state = foldDeciderState(history);
    const recordedAt = recordTimeOf(state, this.clock.now());
    const decided = decide(cmd.command, state, recordedAt);
    if (isRejection(decided)) throw problemFromRejection(decided);
    const event = recordedEvent(decided[0], eventId, cmd.command.by, recordedAt);
    const { version } = await this.store.append(stream, [{ eventId, type: event.type, payload: event, metadata: { requestHash: hash } }], stored.length);
    return { eventId, patientId: cmd.patientId, version };
  }
}

function targetOf(cmd: ExecutePatientCommand): string | undefined {
  return cmd.command.type === 'ReviseDecision' ? cmd.command.decisionId : undefined;
}

function replay(patientId: string, prior: StoredEvent, hash: string): CommandAnswer {
  if (prior.metadata?.requestHash !== hash) {
    throw new Problem('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request to this patient');
  }
  return { eventId: prior.eventId, patientId, version: prior.version };
}

function conflict(actual: number): Problem {
  return new Problem('CONCURRENT_MODIFICATION', `the patient's record is now at version ${actual}; read it again and retry`);
}
