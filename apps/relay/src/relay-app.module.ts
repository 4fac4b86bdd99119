/** The relay host: the relay module on the shared HTTP edge — health, readiness, /metrics and the outbox endpoints, no patient API. */
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@dnr/config';
import { HttpEdgeModule } from '@dnr/http';
import { RelayModule } from '@dnr/outbox';

@Module({})
export class RelayAppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: RelayAppModule, imports: [HttpEdgeModule.forConfig(config), RelayModule.forConfig(config)] };
  }
}
