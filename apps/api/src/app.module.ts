/** The API host: wires its controllers and handlers onto the shared HTTP edge; nothing here knows a rule. */
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@dnr/config';
import { HttpEdgeModule } from '@dnr/http';
import { RelayModule } from '@dnr/outbox';
import { LookupAudit } from './audit/lookup-audit';
import { RecordReadAudit } from './audit/record-read-audit';
import { ConsoleConfigController } from './console/console-config.controller';
import { DevelopmentSignInController, developmentSignInAllowed } from './console/development-sign-in.controller';
import { PatientCommandHandler, RegisterPatientHandler } from './commands/patient-command.handler';
import { OpenApiController } from './openapi/openapi.controller';
import { PatientsController } from './patients/patients.controller';
import { loadPseudonymSecret, Pseudonymizer } from './patients/pseudonym';
import { GetLookupsHandler, GetPatientEventsHandler, GetResuscitationStatusHandler } from './queries/queries';
import { PatientHistories } from './queries/patient-histories';
import { StatusController } from './queries/status.controller';
import { StatusLookupsController } from './status-lookups/status-lookups.controller';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpEdgeModule.forConfig(config), CqrsModule.forRoot(), RelayModule.forConfig(config)],
      controllers: [
        OpenApiController, StatusLookupsController, PatientsController, StatusController, ConsoleConfigController,
        // The development sign-in exists only with the development secret on loopback; anywhere else the route is not there (404).
        ...(developmentSignInAllowed(config) ? [DevelopmentSignInController] : []),
      ],
      providers: [
        { provide: Pseudonymizer, useFactory: () => new Pseudonymizer(loadPseudonymSecret(config.DATA_DIR, config.PSEUDONYM_SECRET)) },
        LookupAudit,
        RecordReadAudit,
        PatientHistories,
        PatientCommandHandler,
        RegisterPatientHandler,
        GetResuscitationStatusHandler,
        GetPatientEventsHandler,
        GetLookupsHandler,
      ],
    };
  }
}
