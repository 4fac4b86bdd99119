/**
 * In the embedded default the relay runs inside the API process; production runs apps/relay on
 * its own. Shutdown happens here in one order: relay, transport, relay state, event store.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { KafkaAcknowledgements, MESSAGE_TRANSPORT, MessageTransport } from '@dnr/messaging';
import { acknowledgementIntake } from '@dnr/outbox';
import { OutboxStore } from '@dnr/outbox';
import { LeasedRelay } from '@dnr/outbox';
import { leasedRelay } from '@dnr/outbox';
import { relayLag } from '@dnr/outbox';
import { Metrics } from '@dnr/http';
import { APP_CONFIG, AppConfig } from '@dnr/config';
import { OUTBOX_STORE } from '@dnr/outbox';

@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private relay: LeasedRelay | null = null;
  private acknowledgements: KafkaAcknowledgements | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OUTBOX_STORE) private readonly outbox: OutboxStore,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RELAY !== 'on') return;
    this.relay = leasedRelay(this.store, this.outbox, this.transport, this.config, (m) => this.logger.warn(m));
    this.relay.start();
    this.metrics.watchOperations({
      outboxCounts: () => this.outbox.countsByState(),
      relayLag: () => relayLag(this.store, this.outbox, Date.now()),
    });
    if (this.config.TRANSPORT !== 'kafka') return;
    const log = (m: string) => this.logger.warn(m);
    this.acknowledgements = new KafkaAcknowledgements(this.config.KAFKA_BROKERS.split(','));
    this.acknowledgements.start(acknowledgementIntake(this.outbox, log), log).catch((e) => log(`acknowledgement consumer not started: ${String(e)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.acknowledgements?.stop();
    await this.transport.close();
    this.outbox.close();
    await this.store.close();
    this.logger.log('relay stopped, transport, relay state and event store closed');
  }
}
