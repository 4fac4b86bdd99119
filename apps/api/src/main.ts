/** Entry point of the API: validate configuration, then serve (and, with RELAY=on, run the relay on its own thread). */
import 'reflect-metadata';
import { loadConfig } from '@dnr/config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(2);
  }
  const app = await createApp(loaded.config);
  await app.listen(loaded.config.PORT, loaded.config.HOST);
  app.getHttpAdapter().getInstance().log.info(`listening on http://${loaded.config.HOST}:${loaded.config.PORT} (data in ${loaded.config.DATA_DIR})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
