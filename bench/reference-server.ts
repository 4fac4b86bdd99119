/**
 * The physical references for the HTTP figures:
 * - GET /status: a bare Fastify route answering a fixed JSON body of the same size as a real
 *   status answer. No auth, no store, no audit — what the machine and Node's HTTP stack can do.
 * - GET /audited/:patientId: a bare Fastify route doing the least an audited read must do —
 *   verify the caller's HS256 token (remembered once verified, as the service does), read the
 *   patient's stream from the service's own events.db, and append an audit line in its own
 *   durable transaction before answering — without Nest, validation, the fold or coalescing.
 * - GET /grouped/:patientId: the same read as the service makes it — the stream's version probed,
 *   its parsed events remembered per version — and its audit line appended through the
 *   service's own event store (SqliteEventStore: the writer thread's group commit, one sync for
 *   every line waiting); without Nest, the request's validation, the fold, the rendering or the
 *   coalescing.
 * - GET /unaudited/:patientId: the same as /grouped without the audit line — what the append costs.
 * - POST /command: a bare Fastify route that parses the JSON body and stores it as one event in
 *   its own transaction, WAL + synchronous=FULL (the store's opener) — the floor of a durable
 *   command over HTTP on this machine, without auth, validation, the stream read or the rules.
 * - POST /grouped-command: the same body appended through the service's own event store (the
 *   writer thread's group commit) with the expected version a version probe gave, as the service
 *   appends — without Nest, auth, validation, the stream's events, the rules or the relay that
 *   turns a handover into messages.
 */
import Fastify from 'fastify';
import { join } from 'node:path';
import { jwtVerify, JWTPayload } from 'jose';
import { lookupStream, newEventId, openDurableSqlite, patientStream, SqliteEventStore } from '@dnr/event-store';

const size = Number(process.env.BODY_BYTES ?? 1500);
const body = JSON.stringify({ status: 'attempt CPR', padding: 'x'.repeat(Math.max(0, size - 40)) });
const app = Fastify({ logger: false });
app.get('/status', async (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));

if (process.env.DB_DIR) {
  const db = openDurableSqlite(join(process.env.DB_DIR, 'reference.db'));
  db.exec('CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, payload TEXT NOT NULL, UNIQUE (stream_id, version))');
  const insert = db.prepare('INSERT INTO events (stream_id, version, event_id, type, payload) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  const one = db.transaction((payload: string) => { n += 1; insert.run(`patient-${n % 1000}`, Math.floor(n / 1000) + 1, newEventId(), 'Command', payload); });
  app.post('/command', async (request, reply) => {
    one(JSON.stringify(request.body));
    return reply.status(201).send({ stored: n });
  });
  const grouped = lazily(join(process.env.DB_DIR, 'grouped.db'));
  let g = 0;
  app.post('/grouped-command', async (request, reply) => {
    g += 1;
    const stream = `patient-${g % 1000}`;
    const version = await grouped().streamVersion(stream);
    const stored = await grouped().append(stream, [{ eventId: newEventId(), type: 'Command', payload: request.body }], version === 0 ? 'no_stream' : version);
    return reply.status(201).send({ stored: stored.version });
  });
}

if (process.env.EVENTS_DB) {
  const db = openDurableSqlite(process.env.EVENTS_DB);
  const read = db.prepare<[string], { payload: string }>('SELECT payload FROM events WHERE stream_id = ? ORDER BY version');
  const version = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM events WHERE stream_id = ?');
  const append = db.prepare('INSERT INTO events (stream_id, version, event_id, type, payload, metadata) VALUES (?, ?, ?, ?, ?, NULL)');
  const audit = db.transaction((stream: string, line: string) => append.run(stream, (version.get(stream)?.v ?? 0) + 1, newEventId(), 'StatusLookedUp', line));
  const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? '');
  const verified = new Map<string, JWTPayload>();
  const claimsOf = async (authorization = ''): Promise<JWTPayload> => {
    const token = authorization.slice('Bearer '.length);
    let claims = verified.get(token);
    if (!claims) { claims = (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload; verified.set(token, claims); }
    return claims;
  };
  const answerOf = (patientId: string, events: Array<{ type: string }>) => JSON.stringify({ patientId, version: events.length, last: events[events.length - 1]?.type, padding: body });
  app.get('/audited/:patientId', async (request, reply) => {
    const claims = await claimsOf(request.headers.authorization);
    const { patientId } = request.params as { patientId: string };
    const events = read.all(`patient-${patientId}`).map((r) => JSON.parse(r.payload) as { type: string });
    audit(`lookup-${patientId}`, JSON.stringify({ at: new Date().toISOString(), by: claims.sub, events: events.length }));
    return reply.header('content-type', 'application/json; charset=utf-8').send(answerOf(patientId, events));
  });
  const store = lazily(process.env.EVENTS_DB);
  const remembered = new Map<string, { version: number; events: unknown[] }>();
  const eventsOf = async (patientId: string): Promise<unknown[]> => {
    const known = remembered.get(patientId);
    if (known && (await store().streamVersion(patientStream(patientId))) === known.version) return known.events;
    const events = (await store().readStream(patientStream(patientId))).map((e) => e.payload);
    remembered.set(patientId, { version: events.length, events });
    return events;
  };
  // The grouped read without its audit line: how much of the grouped reference is the append.
  app.get('/unaudited/:patientId', async (request, reply) => {
    await claimsOf(request.headers.authorization);
    const { patientId } = request.params as { patientId: string };
    const events = (await eventsOf(patientId)) as Array<{ type: string }>;
    return reply.header('content-type', 'application/json; charset=utf-8').send(answerOf(patientId, events));
  });
  app.get('/grouped/:patientId', async (request, reply) => {
    const claims = await claimsOf(request.headers.authorization);
    const { patientId } = request.params as { patientId: string };
    const events = (await eventsOf(patientId)) as Array<{ type: string }>;
    const line = { at: new Date().toISOString(), by: claims.sub, events: events.length };
    await store().append(lookupStream(patientId), [{ eventId: newEventId(), type: 'StatusLookedUp', payload: line }], 'any');
    return reply.header('content-type', 'application/json; charset=utf-8').send(answerOf(patientId, events));
  });
}

/** The service's event store on `file`, opened at its first use (its writer thread idle otherwise). */
function lazily(file: string): () => SqliteEventStore {
  let store: SqliteEventStore | null = null;
  return () => (store ??= new SqliteEventStore(file));
}

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.stdout.write('ready\n'));
