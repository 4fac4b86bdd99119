/** The CQRS handlers: each hands its command to the one command service. */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, newEventId } from '@dnr/event-store';
import { Clock } from '@dnr/http';
import { CommandAnswer, ExecutePatientCommand, RegisterPatientCommand } from './execute-patient-command';
import { PatientHistories } from '../queries/patient-histories';
import { LookupAudit } from '../audit/lookup-audit';
import { handlePatientCommand } from './handle-patient-command';
import { eventIdFor, requestHash } from './request-identity';

@CommandHandler(ExecutePatientCommand)
export class PatientCommandHandler implements ICommandHandler<ExecutePatientCommand, CommandAnswer> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly histories: PatientHistories) {}

  async execute({ patientId, command, ifMatch, idempotencyKey }: ExecutePatientCommand): Promise<CommandAnswer> {
    const target = command.type === 'ReviseDecision' ? command.decisionId : undefined;
    const outcome = await handlePatientCommand(this.store, patientId, command, {
      eventId: eventIdFor(patientId, idempotencyKey, command.by),
      ...(idempotencyKey ? { requestHash: requestHash({ type: command.type, target, body: command.body }) } : {}),
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      now: () => this.clock.now(),
    }, this.histories);
    if (outcome.kind !== 'appended') throw new Error('a patient command always records one event');
    return { eventId: outcome.eventId, patientId, version: outcome.version };
  }
}

/**
 * Registration answers the same whether the CPR was known or not (who was looked up is itself
 * health information); a known CPR registered under another name is reported, never overwritten,
 * so the caller confirms the patient's identity (R2.1). That answer tells whether the CPR is
 * recorded here and under which name, so it goes on the patient's lookup trail like a look-up.
 */
@CommandHandler(RegisterPatientCommand)
export class RegisterPatientHandler implements ICommandHandler<RegisterPatientCommand, { patientId: string; nameDiffers: boolean }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock, private readonly histories: PatientHistories, private readonly audit: LookupAudit) {}

  async execute({ patientId, command }: RegisterPatientCommand) {
    const outcome = await handlePatientCommand(this.store, patientId, command, { eventId: newEventId(), now: () => this.clock.now() }, this.histories);
    if (outcome.kind === 'appended') return { patientId, nameDiffers: false };
    await this.audit.recordRegistration(patientId, command.by, outcome.version);
    const [registered] = await this.histories.of(patientId); // just read by the command: remembered
    const recordedName = registered.type === 'PatientRegistered' ? registered.data.name : '';
    return { patientId, nameDiffers: !sameName(recordedName, command.body.name) };
  }
}

/** The same name as a person would read it: case, accents composed, and spacing aside. */
function sameName(a: string, b: string): boolean {
  const normal = (n: string) => n.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('da');
  return normal(a) === normal(b);
}
