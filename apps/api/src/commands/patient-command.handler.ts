/** The CQRS handlers: each hands its command to the one command service. */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { Clock } from '@dnr/http';
import { CommandAnswer, ExecutePatientCommand, RegisterPatientCommand } from './execute-patient-command';
import { handlePatientCommand } from './handle-patient-command';
import { eventIdFor, requestHash } from './request-identity';

@CommandHandler(ExecutePatientCommand)
export class PatientCommandHandler implements ICommandHandler<ExecutePatientCommand, CommandAnswer> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock) {}

  async execute({ patientId, command, ifMatch, idempotencyKey }: ExecutePatientCommand): Promise<CommandAnswer> {
    const target = command.type === 'ReviseDecision' ? command.decisionId : undefined;
    const outcome = await handlePatientCommand(this.store, patientId, command, {
      eventId: eventIdFor(patientId, idempotencyKey, command.by),
      ...(idempotencyKey ? { requestHash: requestHash({ type: command.type, target, body: command.body }) } : {}),
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      now: () => this.clock.now(),
    });
    if (outcome.kind !== 'appended') throw new Error('a patient command always records one event');
    return { eventId: outcome.eventId, patientId, version: outcome.version };
  }
}

@CommandHandler(RegisterPatientCommand)
export class RegisterPatientHandler implements ICommandHandler<RegisterPatientCommand, { patientId: string; created: boolean }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock) {}

  async execute({ patientId, command }: RegisterPatientCommand) {
    const outcome = await handlePatientCommand(this.store, patientId, command, { eventId: randomUUID(), now: () => this.clock.now() });
    return { patientId, created: outcome.kind === 'appended' };
  }
}
