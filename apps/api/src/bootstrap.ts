/** The API host: the HTTP edge around the API's own module (and the relay's, in the embedded default). */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@dnr/config';
import { createHttpApp } from '@dnr/http';
import { AppModule } from './app.module';

export function createApp(config: AppConfig, logStream?: NodeJS.WritableStream): Promise<NestFastifyApplication> {
  return createHttpApp(AppModule.forConfig(config), config, logStream);
}
