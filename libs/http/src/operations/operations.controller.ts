/**
 * For the platform, not for clinicians: Prometheus metrics, liveness (the process answers) and
 * readiness (the event store answers, every part is ready, and the service is not shutting
 * down). None carries patient data, so none needs a token; expose them on the internal network
 * only (docs/deployment.md).
 */
import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard';
import { Metrics } from './metrics';
import { Lifecycle } from './lifecycle';

@Controller()
export class OperationsController {
  constructor(private readonly metrics: Metrics, private readonly lifecycle: Lifecycle) {}

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const problem = await this.lifecycle.notReadyBecause();
    if (problem) reply.status(503);
    return problem ? { status: 'unavailable', reason: problem } : { status: 'ok' };
  }
}
