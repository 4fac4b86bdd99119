/**
 * Whether the service is on its way down, and whether its parts are ready. Readiness turns 503
 * first and stays so for the grace period, so load balancers stop sending before the port
 * closes; requests already in flight are then finished by the HTTP server's close, and only
 * after that are the stores closed. Parts (a relay thread) add their own readiness checks.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@dnr/config';

/** Null when ready; otherwise why not. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  shuttingDown = false;
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  addReadinessCheck(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** The first reason the service is not ready, or null. */
  async notReadyBecause(): Promise<string | null> {
    if (this.shuttingDown) return 'shutting down';
    for (const [name, check] of this.checks) {
      try {
        const problem = await check();
        if (problem) return `${name}: ${problem}`;
      } catch (error) {
        return `${name}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await new Promise((resolve) => setTimeout(resolve, this.config.SHUTDOWN_GRACE_SECONDS * 1000));
  }
}
