/** Wires ports to adapters; nothing here knows a rule. */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE } from '@dnr/event-store';
import { LookupAudit } from './audit/lookup-audit';
import { AuthGuard } from '@dnr/http';
import { WriteRateLimitGuard } from '@dnr/http';
import { countingAppends } from '@dnr/http';
import { Lifecycle } from '@dnr/http';
import { Metrics } from '@dnr/http';
import { OperationsController } from '@dnr/http';
import { TokenVerifier } from '@dnr/http';
import { Clock } from '@dnr/http';
import { PatientCommandHandler } from './commands/patient-command.handler';
import { RegisterPatientHandler } from './commands/register-patient.handler';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { HealthController } from './health.controller';
import { ProblemFilter } from '@dnr/http';
import { OpenApiController } from './openapi/openapi.controller';
import { PatientsController } from './patients/patients.controller';
import { loadPseudonymSecret, Pseudonymizer } from './patients/pseudonym';
import { GetLookupsHandler, GetPatientEventsHandler, GetResuscitationStatusHandler } from './queries/queries';
import { StatusController } from './queries/status.controller';
import { MESSAGE_TRANSPORT } from '@dnr/messaging';
import { eventStoreFor, openOutboxStore, openTransport } from '@dnr/outbox';
import { OUTBOX_STORE, OutboxController } from '@dnr/outbox';
import { RelayRunner } from './outbox/relay-runner';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController, OperationsController, OpenApiController, PatientsController, StatusController, OutboxController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        Metrics,
        Lifecycle,
        { provide: EVENT_STORE, useFactory: (metrics: Metrics) => countingAppends(eventStoreFor(config), metrics), inject: [Metrics] },
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        { provide: Pseudonymizer, useFactory: () => new Pseudonymizer(loadPseudonymSecret(config.DATA_DIR, config.PSEUDONYM_SECRET)) },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard (guards run in the order given): the budget is per verified caller.
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: OUTBOX_STORE, useFactory: () => openOutboxStore(config.DATA_DIR) },
        { provide: MESSAGE_TRANSPORT, useFactory: () => openTransport(config) },
        RelayRunner,
        Clock,
        LookupAudit,
        PatientCommandHandler,
        RegisterPatientHandler,
        GetResuscitationStatusHandler,
        GetPatientEventsHandler,
        GetLookupsHandler,
      ],
    };
  }
}
