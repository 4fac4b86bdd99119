/** The API host: the HTTP edge around the API's own module (and the relay's, in the embedded default). */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@dnr/config';
import { createHttpApp } from '@dnr/http';
import { AppModule } from './app.module';
import { serveConsole } from './console/serve-console';

export async function createApp(config: AppConfig, logStream?: NodeJS.WritableStream): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.forConfig(config), config, logStream);
  await serveConsole(app, config); // the web console under /console and the API viewer's files under /docs
  return app;
}
