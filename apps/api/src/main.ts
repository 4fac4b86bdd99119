/** Entry point: validate configuration, start the API (and, in the embedded default, the relay). */
import 'reflect-metadata';
import { createApp } from './bootstrap';
import { loadConfig } from '@dnr/config';

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
