/** Wires ports to adapters; nothing here knows a rule. */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE } from '@dnr/event-store';
import { LookupAudit } from './audit/lookup-audit';
import { AuthGuard } from './auth/auth.guard';
import { WriteRateLimitGuard } from './auth/write-rate-limit.guard';
import { countingAppends } from './operations/counting-appends';
import { Lifecycle } from './operations/lifecycle';
import { Metrics } from './operations/metrics';
import { OperationsController } from './operations/operations.controller';
import { TokenVerifier } from './auth/token-verifier';
import { Clock } from './clock/clock';
import { PatientCommandHandler } from './commands/patient-command.handler';
import { RegisterPatientHandler } from './commands/register-patient.handler';
import { APP_CONFIG, AppConfig } from './config/config';
import { HealthController } from './health.controller';
import { ProblemFilter } from './http/problem.filter';
import { OpenApiController } from './openapi/openapi.controller';
import { PatientsController } from './patients/patients.controller';
import { loadPseudonymSecret, Pseudonymizer } from './patients/pseudonym';
import { GetLookupsHandler, GetPatientEventsHandler, GetResuscitationStatusHandler } from './queries/queries';
import { StatusController } from './queries/status.controller';
import { MESSAGE_TRANSPORT } from '@dnr/messaging';
import { eventStoreFor, openOutboxStore, openTransport } from '../../relay/src/relay-runtime';
import { OUTBOX_STORE, OutboxController } from './outbox/outbox.controller';
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
