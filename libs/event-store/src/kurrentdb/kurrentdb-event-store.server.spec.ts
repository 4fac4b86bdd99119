/**
 * The port contract against a real KurrentDB server. Runs whenever KURRENTDB_CONNECTION_STRING
 * is set (e.g. `kurrentdb://localhost:2113?tls=false` with docker/docker-compose.yml up);
 * otherwise jest reports this suite as skipped, under its name and the reason.
 */
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const connection = process.env.KURRENTDB_CONNECTION_STRING;

describeEventStoreContract(
  'KurrentDB adapter on a real server',
  () => ({ open: async () => new KurrentDbEventStore(KurrentDBClient.connectionString(connection ?? '')), cleanup: async () => undefined }),
  connection ? undefined : 'KURRENTDB_CONNECTION_STRING is not set (no KurrentDB server on this machine)',
);
