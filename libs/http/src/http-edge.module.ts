/**
 * What every HTTP host of the service shares (the API, the standalone relay): the configuration,
 * the event store (opened once, closed last), verified callers, per-caller write budgets,
 * problem+json errors, metrics, health and the shutdown sequence. Global, so feature modules
 * (the relay's, the API's) inject these without wiring them again.
 */
import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { EVENT_STORE, EventStore, openConfiguredEventStore } from '@dnr/event-store';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { WriteRateLimitGuard } from './auth/write-rate-limit.guard';
import { Clock } from './clock';
import { countingAppends } from './operations/counting-appends';
import { Lifecycle } from './operations/lifecycle';
import { Metrics } from './operations/metrics';
import { OperationsController } from './operations/operations.controller';
import { ProblemFilter } from './problem/problem.filter';
import { WriteBudget, WRITES_THROTTLER, WRITES_WINDOW_MS } from './auth/write-budget';

/** Closes the event store after everything else has stopped (onApplicationShutdown runs after every beforeApplicationShutdown and after the HTTP server closed). */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly lifecycle: Lifecycle) {
    this.lifecycle.addReadinessCheck('event store', async () => {
      await this.store.streamVersion('readiness-probe');
      return null;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    new Logger('Shutdown').log('event store closed');
  }
}

@Global()
@Module({})
export class HttpEdgeModule {
  static forConfig(config: AppConfig): DynamicModule {
    const perMinute = config.WRITE_RATE_LIMIT_PER_MINUTE;
    return {
      module: HttpEdgeModule,
      global: true,
      // WRITE_RATE_LIMIT_PER_MINUTE=0 turns the budget off (benchmarks): skipIf, not a limit of 0.
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: WRITES_THROTTLER, ttl: WRITES_WINDOW_MS, limit: Math.max(perMinute, 1) }], skipIf: () => perMinute === 0, setHeaders: false })],
      controllers: [OperationsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        Metrics,
        Lifecycle,
        Clock,
        WriteBudget,
        { provide: EVENT_STORE, useFactory: (metrics: Metrics) => countingAppends(openConfiguredEventStore(config), metrics), inject: [Metrics] },
        EventStoreCloser,
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard (guards run in the order given): the budget is per verified caller.
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [APP_CONFIG, Metrics, Lifecycle, Clock, EVENT_STORE, TokenVerifier, WriteBudget],
    };
  }
}
