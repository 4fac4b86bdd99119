/** The OpenAPI document, generated from the same zod schemas that validate the requests. */
import { z } from 'zod';
import {
  ActivateTestamentBody, MakeDecisionBody, RecordConditionImprovementBody, RecordHandoverBody, RecordTemporaryRevocationBody,
  RecordWillLookupBody, RegisterPatientBody, ReviseDecisionBody,
} from '@dnr/domain';
import { AcknowledgementBody, SiteBody } from '@dnr/outbox';
import { StatusLookupBody } from '../status-lookups/status-lookups.controller';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const problem = { description: 'application/problem+json (RFC 9457) with code and rule', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));
const patientId = { name: 'patientId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } };
const sor = { name: 'sor', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{1,20}$' }, description: 'the SOR id' };
const commandHeaders = [
  { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'append only if the stream is at this version' },
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
];
const created = { '201': { description: 'appended', content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandAnswer' } } } } };

function command(summary: string, body: z.ZodType, roles: string, extraParams: object[] = []) {
  return {
    post: {
      summary,
      description: `Who: ${roles}`,
      security: [{ bearer: [] }],
      parameters: [patientId, ...extraParams, ...commandHeaders],
      requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } },
      responses: { ...created, ...errors(400, 401, 403, 404, 409, 413, 422) },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'DNR across sectors — HTTP API v1', version: '1.0.0', description: 'Resuscitation decisions (fravalg af genoplivningsforsøg) kept true across sector changes.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: { type: 'object', required: ['type', 'title', 'status', 'detail', 'code'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, rule: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } } },
        CommandAnswer: { type: 'object', required: ['eventId', 'patientId', 'version'], properties: { eventId: { type: 'string', format: 'uuid' }, patientId: { type: 'string' }, version: { type: 'integer' } } },
      },
    },
    paths: {
      '/health': { get: { summary: 'liveness', responses: { '200': { description: '{"status":"ok"}' } } } },
      '/v1/patients': {
        post: {
          summary: 'Register a patient by CPR; answers the pseudonymous patientId', security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: schema(RegisterPatientBody) } } },
          responses: { '200': { description: '{ patientId } whether the CPR was known or not; with "nameDiffers": true when a known CPR came with another name (confirm the identity, R2.1; nothing is overwritten). A CPR already recorded writes a line on its lookup trail (`"via": "registration"`): the answer told who the patient is' }, ...errors(400, 401, 413) },
        },
      },
      '/v1/patients/status-lookups': {
        post: {
          summary: 'The resuscitation status by CPR (in the body, never a URL), with the recorded name to confirm identity (R2.1)',
          description: 'A read: answers 200 { patientId, name, status } with status exactly as GET …/resuscitation-status, audited like it; never registers. An unknown CPR is 404 (nothing recorded here: attempt CPR, R1.1) — '
            + 'and the probe is audited all the same, before the 404 leaves: a line with `"status": null, "found": false` on the lookup trail of the patientId that CPR would have, shown by GET …/lookups if the patient is registered later (identical probes coalesce like reads). Each such new line spends one of the caller\'s writes (the write budget): past it 429, nothing written, and the problem still says nothing is recorded, so resuscitation is attempted; a look-up that finds the patient is never limited. A CPR whose birth date lies in the future is 400, nothing written. Any role.',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: schema(StatusLookupBody) } } },
          responses: {
            '200': { description: 'the recorded name and the status', content: { 'application/json': { schema: { type: 'object', required: ['patientId', 'name', 'status'], properties: { patientId: { type: 'string' }, name: { type: 'string' }, status: { type: 'object', description: 'the GET …/resuscitation-status answer' } } } } } },
            ...errors(400, 401, 404, 413, 429),
          },
        },
      },
      '/v1/patients/{patientId}/decisions': command('DecisionMade', MakeDecisionBody, 'physician (physician, patient basis); physician, nurse, paramedic (register basis). 422: R4.1, R4.3 (also frailty of old age alone, R4.3a), R4.7, R5.1, R1.4 (a stated time more than 5 minutes ahead or before birth)'),
      '/v1/patients/{patientId}/decisions/{decisionId}/revisions': command('Revised', ReviseDecisionBody, 'see api.md per action. {decisionId} may name a will activation (withdraw, R6.7; reaffirm, R6.8 — physician). declare_invalid on a register decision (R5.5) — physician, nurse; needs assessment and, for a permanently incompetent citizen, reportedToStps', [{ name: 'decisionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]),
      '/v1/patients/{patientId}/handovers': command('HandedOverTo', RecordHandoverBody, 'physician, nurse of the site the patient leaves or goes to (token org = from.sor or to.sor; otherwise 403, R7.1); paramedic for kind admission (R7.2a), to a hospital other than the crew\'s own service. from and to are different SORs. at may lie up to 14 days ahead (R1.4)'),
      '/v1/patients/{patientId}/will-lookups': command('WillRegistryLookedUp', RecordWillLookupBody, 'physician, nurse (R6.6)'),
      '/v1/patients/{patientId}/temporary-revocations': command('TemporarilyRevoked', RecordTemporaryRevocationBody, 'any role'),
      '/v1/patients/{patientId}/testament-activations': command('TestamentActivated', ActivateTestamentBody, 'physician. 422: R6.1 (under 18; a livstestamente for one who turned 18 after 1 January 2019), R6.2, R6.3, R6.6 (a cited look-up that disagrees)'),
      '/v1/patients/{patientId}/condition-improvements': command('ConditionImproved', RecordConditionImprovementBody, 'physician, nurse'),
      '/v1/patients/{patientId}/resuscitation-status': {
        get: {
          summary: 'The effective status, bitemporal; every read is audited', security: [{ bearer: [] }],
          parameters: [patientId, { name: 'at', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'knownAt', in: 'query', schema: { type: 'string', format: 'date-time' } }],
          responses: { '200': { description: 'status' }, ...errors(400, 401, 404) },
        },
      },
      '/v1/patients/{patientId}/lookups': {
        get: {
          summary: 'Audit trail of status reads, newest first', security: [{ bearer: [] }],
          description: 'Physicians and nurses. Each line `{ at, by: { sub, name, role, org }, status, version }`; a line closing a window of identical reads adds `repeats` and `since`. '
            + 'A look-up by CPR made before the patient was registered, which found nobody (POST /v1/patients/status-lookups answered 404), is a line with `"status": null, "found": false` and version 0; `found` is absent on every answered read. '
            + 'A registration (POST /v1/patients) of the CPR once it was recorded is a line with `"status": null, "via": "registration"` and the version then.',
          parameters: [patientId, ...['limit', 'before'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer' } }))],
          responses: { '200': { description: 'lookups; the next page in the Link header (rel="next")' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/v1/outbox': {
        get: {
          summary: 'Owed handover messages and their delivery state', security: [{ bearer: [] }],
          description: 'Each message: `payload` is what was (or will be) delivered — the MedCom CareCommunication Bundle for a korrespondancemeddelelse (null while the sites directory lacks an EAN or telephone number it needs), the JSON section for an epikrise or udskrivningsrapport; '
            + '`document` the JSON document kept for every kind; `deliverTo` on sections (the discharging site whose EHR writes the letter; `recipient` stays its addressee); '
            + '`escalation: { reason, since, phone? }` when someone must act (phone: whom to ring). '
            + 'To a paramedic or care worker of the sending side `payload` and `document` are null and `identityWithheld` is true: both hold the CPR and name, which those roles may not read in the record either. '
            + "Audited: a payload shows the patient's CPR, name and status, so before a page that shows messages leaves, each patient on it gets one line in their record-read trail "
            + '(who — sub, name, role, organisation — when, and which messageIds); the same caller shown the same messages again within 30 s is counted on that line, not written again. '
            + 'An empty page writes nothing. If the audit cannot be written the page is not sent (500).',
          parameters: ['patientId', 'state', 'kind', 'limit', 'before'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': { description: 'messages' }, ...errors(400, 401) },
        },
      },
      '/v1/sites/{sor}': {
        get: {
          summary: 'A site in the directory the outbox addresses from (SOR → sector, EAN, name, phone)', security: [{ bearer: [] }],
          description: 'Any role. Adds `source` (`handover` | `operator`), `confirmed` — whether the site\'s own organisation or the SOR export load set the entry (a message naming the site with another EAN than an unconfirmed entry waits, escalated UNADDRESSED, until one of them does) — and `changedBy: { sub, org?, role, at }` — who changed the entry last (`role: "operator"` for the SOR export load; null for an entry last changed before this was recorded).',
          parameters: [sor],
          responses: { '200': { description: 'the site' }, ...errors(400, 401, 404, 503) },
        },
        put: {
          summary: 'Add a site to the directory, or keep one', security: [{ bearer: [] }],
          description: 'Who: physician, nurse. A site the directory does not know is added, and anyone may fill in a phone a known site lacks; what is known of a site — its EAN, where every later message to it goes, its name, sector and phone, the number others ring — is changed only by staff of the site\'s own organisation (token `org` = the SOR): '
            + 'anyone else is answered 403 ROLE_NOT_ALLOWED and nothing is written. A body equal to the entry writes nothing (`changedBy` unchanged) and answers 200 with the entry. (A handover adds a site the directory does not know and fills in a missing phone, never changes a known site; the operator\'s SOR export load, `npm run sites:load`, sets anything.) '
            + 'Messages waiting for the site\'s address are sent at once (R7.3a).',
          parameters: [sor],
          requestBody: { required: true, content: { 'application/json': { schema: schema(SiteBody) } } },
          responses: { '200': { description: 'the site as the directory now holds it' }, ...errors(400, 401, 403, 413, 503) },
        },
      },
      '/v1/outbox/{messageId}/acknowledgements': {
        post: {
          summary: "The recipient's receipt (MedCom ok / transient-error / fatal-error)", security: [{ bearer: [] }],
          description: '`at` is the time the receipt states: between 1900 and 2200, no earlier than the first send and no more than 5 minutes after the receipt is recorded (otherwise 400, nothing written). Resends and escalation count from when it is recorded. '
            + 'The answer shows the message, payload included, and is audited like a page of GET /v1/outbox.',
          parameters: [{ name: 'messageId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: schema(AcknowledgementBody) } } },
          responses: { '200': { description: 'the message with its new state' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/v1/status-feed': {
        get: {
          summary: "Every change of a patient's effective status, flags or instruments, in order (R7.3b)", security: [{ bearer: [] }],
          description: 'Physicians, nurses and paramedics. Each entry `{ position, patientId, causedBy, at, status }`, `status` the status answer as of that change — never a CPR (resolve identity with POST /v1/patients). '
            + 'A change that time alone makes — a registered refusal taking effect at 00:00 Danish time on the registration day + 7 (R5.1), an event whose stated time lies after its recording — is an entry too, with `"by": "time"`: `causedBy` is then the patient\'s last event and `at` the instant the answer changed (published when the relay\'s clock reaches it). Entries an event made carry no `by`. '
            + 'Paged by position: `after` (default 0) and `limit` (default 100, at most 1,000; a page also ends at about 1 MiB). The `Link` header gives the next page (`rel="next"`) and the newest page as the feed stands (`rel="last"`), for a reader that shows what is new rather than the whole history. '
            + 'Every page read is audited. In production the same entries go to the Kafka topic dnr.status.v1 (key patientId); in the embedded default to <DATA_DIR>/status-feed/.',
          parameters: ['after', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: name === 'limit' ? 1 : 0 } })),
          responses: { '200': { description: 'entries after `after`, oldest first' }, ...errors(400, 401, 403) },
        },
      },
      '/v1/patients/{patientId}/events': { get: { summary: "The patient's events in order", security: [{ bearer: [] }], parameters: [patientId], responses: { '200': { description: 'events' }, ...errors(400, 401, 404) } } },
    },
  };
}
