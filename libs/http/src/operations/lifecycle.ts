/**
 * Whether the service is on its way down. Readiness turns 503 first and stays so for the grace
 * period, so load balancers stop sending before the port closes; requests already in flight are
 * then finished by the HTTP server's close, and only after that are the relay and store closed.
 */
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@dnr/config';

@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  shuttingDown = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await new Promise((resolve) => setTimeout(resolve, this.config.SHUTDOWN_GRACE_SECONDS * 1000));
  }
}
