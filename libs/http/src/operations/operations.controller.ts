/**
 * For the platform, not for clinicians: Prometheus metrics, liveness (the process answers) and
 * readiness (the event store answers and the service is not shutting down). None carries
 * patient data, so none needs a token; expose them on the internal network only (README).
 */
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { Public } from '../auth/auth.guard';
import { Metrics } from './metrics';
import { Lifecycle } from './lifecycle';

@Controller()
export class OperationsController {
  constructor(private readonly metrics: Metrics, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly lifecycle: Lifecycle) {}

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const problem = this.lifecycle.shuttingDown ? 'shutting down' : await this.storeProblem();
    if (problem) reply.status(503);
    return problem ? { status: 'unavailable', reason: problem } : { status: 'ok' };
  }

  private async storeProblem(): Promise<string | null> {
    try {
      await this.store.streamVersion('readiness-probe');
      return null;
    } catch (error) {
      return `event store: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
