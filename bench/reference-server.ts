/**
 * The physical reference for the status lookup: a bare Fastify route answering a fixed JSON body
 * of the same size as a real status answer. No auth, no store, no audit — what the machine and
 * Node's HTTP stack can do at all.
 */
import Fastify from 'fastify';

const size = Number(process.env.BODY_BYTES ?? 1500);
const body = JSON.stringify({ status: 'attempt CPR', padding: 'x'.repeat(Math.max(0, size - 40)) });
const app = Fastify({ logger: false });
app.get('/status', async (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.stdout.write('ready\n'));
