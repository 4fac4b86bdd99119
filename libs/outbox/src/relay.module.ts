/**
 * The relay as a Nest feature module, imported by both hosts: the API (the embedded default,
 * RELAY=on) and apps/relay (its own process in production). It starts the relay on its own
 * thread, serves the outbox endpoints from the relay state, and reports outbox and lag figures.
 * Only a host that runs the relay or serves the outbox opens relay.db (OUTBOX_ENDPOINTS).
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { Lifecycle, Metrics } from '@dnr/http';
import { OutboxController } from './http/outbox.controller';
import { SitesController } from './http/sites.controller';
import { StatusFeedController } from './http/status-feed.controller';
import { FeedReadAudit } from './http/feed-read-audit';
import { OutboxReadAudit } from './http/outbox-read-audit';
import { relayLag } from './relay/relay';
import { deliveryPolicyOf, openOutboxStore } from './relay/relay-parts';
import { RelayThread } from './relay/relay-thread';
import { OutboxStore } from './store/outbox-store';
import { DELIVERY_POLICY, OUTBOX_STORE, RELAY_WAKE } from './relay.tokens';

/** Owns the relay thread and the relay state's connection on this host. */
@Injectable()
export class RelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Relay');
  readonly thread: RelayThread | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OUTBOX_STORE) private readonly outbox: OutboxStore | null,
    private readonly metrics: Metrics,
    private readonly lifecycle: Lifecycle,
  ) {
    this.thread = config.RELAY === 'on' ? new RelayThread(config, store, (level, message) => this.log(level, message)) : null;
  }

  onApplicationBootstrap(): void {
    const { outbox, thread } = this;
    if (outbox) {
      this.metrics.watchOperations({ outboxCounts: () => outbox.countsByState(), relayLag: () => relayLag(this.store, outbox, Date.now()) });
    }
    if (!thread) return;
    thread.start();
    this.lifecycle.addReadinessCheck('relay', () => (thread.alive ? null : 'the relay thread is not running'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.thread) return;
    await this.thread.stop();
    this.logger.log('relay stopped: the event in hand finished, its connections closed');
  }

  onApplicationShutdown(): void {
    this.outbox?.close();
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    if (level === 'error') this.logger.error(message);
    else if (level === 'warn') this.logger.warn(message);
    else this.logger.log(message);
  }
}

@Module({})
export class RelayModule {
  static forConfig(config: AppConfig): DynamicModule {
    const holdsRelayState = config.RELAY === 'on' || config.OUTBOX_ENDPOINTS === 'on';
    return {
      module: RelayModule,
      controllers: [OutboxController, StatusFeedController, SitesController],
      providers: [
        { provide: OUTBOX_STORE, useFactory: () => (holdsRelayState ? openOutboxStore(config.DATA_DIR) : null) },
        { provide: DELIVERY_POLICY, useValue: deliveryPolicyOf(config) },
        RelayHost,
        FeedReadAudit,
        OutboxReadAudit,
        { provide: RELAY_WAKE, useFactory: (host: RelayHost) => () => host.thread?.wake(), inject: [RelayHost] },
      ],
      exports: [OUTBOX_STORE, RelayHost],
    };
  }
}
