/** The CQRS command that carries one domain command for one patient stream, with its HTTP preconditions. */
import { PatientCommand } from '@dnr/domain';

export interface CommandAnswer {
  eventId: string;
  patientId: string;
  version: number;
}

export class ExecutePatientCommand {
  constructor(
    readonly patientId: string,
    readonly command: Exclude<PatientCommand, { type: 'RegisterPatient' }>,
    readonly ifMatch: number | undefined,
    readonly idempotencyKey: string | undefined,
  ) {}
}

export class RegisterPatientCommand {
  constructor(readonly patientId: string, readonly command: Extract<PatientCommand, { type: 'RegisterPatient' }>) {}
}
