/**
 * Prometheus metrics (GET /metrics). One registry per app instance, so test apps do not share
 * counters. Nothing here carries a patient id or CPR: labels are routes, answers and states.
 */
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RelayLag {
  events: number;
  seconds: number;
}

export interface OperationalSources {
  outboxCounts(): Record<string, number>;
  relayLag(): Promise<RelayLag>;
}

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: 'dnr_http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  });
  private readonly appended = new Counter({
    name: 'dnr_events_appended_total', help: 'Events appended, by stream kind (patient decisions, lookup audit)', labelNames: ['stream'], registers: [this.registry],
  });
  private readonly lookups = new Counter({
    name: 'dnr_status_lookups_total', help: 'Answered status lookups, by answer', labelNames: ['answer'], registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'dnr_' });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requestSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  eventsAppended(streamId: string, count: number): void {
    this.appended.inc({ stream: streamId.slice(0, streamId.indexOf('-')) || 'other' }, count);
  }

  statusAnswered(answer: string): void {
    this.lookups.inc({ answer });
  }

  /** Outbox and relay figures are read at scrape time from where they live, never kept twice. */
  watchOperations(sources: OperationalSources): void {
    new Gauge({
      name: 'dnr_outbox_messages', help: 'Owed messages by delivery state', labelNames: ['state'], registers: [this.registry],
      collect() { for (const [state, n] of Object.entries(sources.outboxCounts())) this.set({ state }, n); },
    });
    new Gauge({
      name: 'dnr_relay_lag_events', help: 'Patient events not yet handled by the relay (capped at 10,000)', registers: [this.registry],
      async collect() { this.set((await sources.relayLag()).events); },
    });
    new Gauge({
      name: 'dnr_relay_lag_seconds', help: 'Age of the oldest patient event the relay has not handled; 0 when caught up', registers: [this.registry],
      async collect() { this.set((await sources.relayLag()).seconds); },
    });
  }
}
