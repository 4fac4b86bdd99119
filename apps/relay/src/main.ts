/**
 * The relay as its own process (production; the crash tests): the same relay module the API
 * runs in the embedded default, behind the same HTTP edge — so it has health, readiness,
 * /metrics and the outbox endpoints, and logs through the same pino stream at proper levels.
 * It always runs the relay, whatever RELAY says.
 */
import 'reflect-metadata';
import { loadConfig } from '@dnr/config';
import { createHttpApp } from '@dnr/http';
import { RelayAppModule } from './relay-app.module';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(2);
  }
  const config = { ...loaded.config, RELAY: 'on' as const };
  const app = await createHttpApp(RelayAppModule.forConfig(config), config);
  await app.listen(config.PORT, config.HOST);
  app.getHttpAdapter().getInstance().log.info(`relay listening on http://${config.HOST}:${config.PORT} (relay state in ${config.DATA_DIR})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
