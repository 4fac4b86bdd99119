/** Opens a patient's stream once; a known CPR answers with the same pseudonym and writes nothing. */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { decide, foldDeciderState, isRejection, upcast } from '@dnr/domain';
import { EVENT_STORE, EventStore, patientStream, WrongExpectedVersionError } from '@dnr/event-store';
import { Clock } from '@dnr/http';
import { problemFromRejection } from '@dnr/http';
import { RegisterPatientCommand } from './execute-patient-command';
import { recordedEvent } from './recorded-event';

@CommandHandler(RegisterPatientCommand)
export class RegisterPatientHandler implements ICommandHandler<RegisterPatientCommand, { patientId: string; created: boolean }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly clock: Clock) {}

  async execute({ patientId, command }: RegisterPatientCommand) {
    const stream = patientStream(patientId);
    const history = (await this.store.readStream(stream)).map((e) => upcast(e.payload));
    const decided = decide(command, foldDeciderState(history), this.clock.now());
    if (isRejection(decided)) throw problemFromRejection(decided);
    if (decided.length === 0) return { patientId, created: false };
    const eventId = randomUUID();
    const event = recordedEvent(decided[0], eventId, command.by, this.clock.now());
    try {
      await this.store.append(stream, [{ eventId, type: event.type, payload: event }], 'no_stream');
      return { patientId, created: true };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { patientId, created: false }; // registered concurrently
      throw error;
    }
  }
}
