/**
 * Official conformance (issue 12, handover-messages.md "The official validator decides"): the
 * real service, over HTTP, with its relay and drop folder, is driven through every variant
 * (variants.ts); every CareCommunication Bundle it delivers is collected from
 * <DATA_DIR>/outbox/ and all of them are validated in ONE run of the official validator
 * (../shared/tools/fhir-validate/run.sh). The run must say 0 errors, 0 warnings, over exactly
 * the files delivered — an empty or partial run cannot pass. The same Bundles, and the sections
 * delivered beside them, are scanned for text a clinician must never read.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken, Service, startService } from '../support/service';
import { eventually } from '../support/until';
import { validate, ValidationRun } from '../support/fhir-validator';
import { notDanish, textsOfBundle, textsOfMessage, textsOfStatus } from '../../libs/domain/src/spec/danish-text';
import { dischargeFromSiteWithoutPhone, driveEveryVariant, ORGANISATIONS, putSite, SITES } from './variants';

let s: Service;
let delivered: Array<{ file: string; body: any }>;
let owed: any[];
let run: ValidationRun;
let validatedDir: string;
let statuses: any[];

/** Every message of these patients, as each organisation's worklist shows it (the outbox is scoped per organisation). */
async function outboxOf(patientIds: readonly string[]): Promise<any[]> {
  const byId = new Map<string, any>();
  for (const org of ORGANISATIONS) {
    const token = await mintToken('nurse', { org });
    for (const patientId of patientIds) {
      const page = await s.call('GET', `/v1/outbox?patientId=${patientId}&limit=1000`, { token });
      for (const m of page.body as any[]) byId.set(m.messageId, m);
    }
  }
  return [...byId.values()];
}

const korrespondancer = (messages: any[]) => messages.filter((m) => m.kind === 'korrespondancemeddelelse');

/** Every file the drop folder holds, parsed. */
function dropFolder(): Array<{ file: string; body: any }> {
  const root = join(s.dataDir, 'outbox');
  return readdirSync(root).flatMap((sor) => readdirSync(join(root, sor)).filter((f) => f.endsWith('.json')).map((f) => {
    const file = join(root, sor, f);
    return { file, body: JSON.parse(readFileSync(file, 'utf8')) };
  }));
}

beforeAll(async () => {
  s = await startService({ RELAY: 'on' });
  const { patientIds } = await driveEveryVariant(s);

  // Unaddressed, then addressed: a discharge from a site with no telephone number on record.
  const waiting = await dischargeFromSiteWithoutPhone(s);
  const escalated = await eventually(() => outboxOf([waiting]), (ms) => korrespondancer(ms).some((m) => m.escalation?.reason === 'UNADDRESSED'), 'the message from a site without a phone escalated UNADDRESSED');
  expect(korrespondancer(escalated)[0]).toMatchObject({ state: 'escalated', attempts: 0, lastError: expect.stringContaining('telefonnummer') });
  await putSite(s, 'noPhone', { phone: '97 92 00 00' });
  patientIds.push(waiting);

  // Settled: every korrespondancemeddelelse went out, and nothing new turns up.
  let previous = -1;
  owed = await eventually(async () => outboxOf(patientIds), (ms) => {
    const settled = korrespondancer(ms).every((m) => m.attempts > 0) && ms.length === previous;
    previous = ms.length;
    return settled;
  }, 'every korrespondancemeddelelse delivered', 60_000);

  statuses = await Promise.all(patientIds.map(async (id) => (await s.call('GET', `/v1/patients/${id}/resuscitation-status`)).body));
  delivered = dropFolder().filter(({ body }) => body.resourceType === 'Bundle');
  validatedDir = mkdtempSync(join(tmpdir(), 'dnr-conformance-'));
  const files = delivered.map(({ file, body }) => {
    const copy = join(validatedDir, `${body.entry[0].resource.id}.json`);
    copyFileSync(file, copy);
    return copy;
  });
  run = await validate(files);
  // The report quotes the summary; keep it where CI shows it.
  process.stdout.write(`official validator: ${run.summary}\n`);
});

afterAll(async () => {
  await s?.close();
  if (validatedDir) rmSync(validatedDir, { recursive: true, force: true });
});

describe('every CareCommunication the service delivers passes the official validator', () => {
  it('one run over every Bundle delivered: 0 errors, 0 warnings, nothing set aside', () => {
    if (run.errors || run.warnings || run.filtered) throw new Error(`${run.summary}\n${run.issues.slice(0, 60).join('\n')}`);
    expect(run.summary).toBe(`${delivered.length} files, 0 errors, 0 warnings`);
    expect(run.exitCode).toBe(0);
  });

  it('the run covered exactly the korrespondancemeddelelser the outbox owes, and there are many', () => {
    const headers = delivered.map(({ body }) => body.entry[0].resource.id).sort();
    expect(headers).toEqual(korrespondancer(owed).map((m) => m.messageId).sort());
    expect(run.files).toBe(delivered.length);
    expect(delivered.length).toBeGreaterThanOrEqual(20);
  });

  it('the variants include new messages and replies, both categories and every author role', () => {
    const resources = (type: string) => delivered.flatMap(({ body }) => body.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === type));
    const own = delivered.map(({ body }) => body.entry.find((e: any) => e.resource.resourceType === 'Provenance' && e.resource.target[0].reference === `MessageHeader/${body.entry[0].resource.id}`).resource);
    expect(new Set(own.map((p) => p.activity.coding[0].code))).toEqual(new Set(['new-message', 'reply-message']));
    expect(new Set(resources('Communication').map((c) => c.category[0].coding[0].code))).toEqual(new Set(['discharge', 'carecoordination']));
    const roles = new Set(resources('PractitionerRole').map((r) => r.code[0].coding?.[0].code ?? r.code[0].text));
    expect([...roles].sort()).toEqual(['ambulancebehandler', 'laege', 'sundhedsmedarbejder under en autoriseret sundhedsperson', 'sygeplejerske']);
  });

  it('the variants include every basis, every reachable reason to attempt CPR and every flag', () => {
    const sections = korrespondancer(owed).map((m) => m.document.resuscitation);
    expect(new Set(sections.map((r: any) => r.basis))).toEqual(new Set(['physician', 'patient', 'register', 'testament', null]));
    expect(new Set(sections.map((r: any) => r.reason).filter(Boolean))).toEqual(new Set([
      'NO_PRIOR_DECISION', 'DECISION_WITHDRAWN', 'DECISION_LAPSED', 'REGISTER_NOT_YET_EFFECTIVE', 'TEMPORARILY_REVOKED', 'TESTAMENT_ADVISORY_ONLY', 'AWAITING_RELATIVES_ACCEPTANCE',
    ]));
    const flags = new Set(sections.flatMap((r: any) => r.flags.map((f: any) => f.code)));
    for (const code of ['REEVALUATION_REQUIRED', 'WRITTEN_CONFIRMATION_PENDING', 'REGISTER_PENDING', 'CLARIFY_PATIENT_WISH', 'TEMPORARY_REVOCATION_ACTIVE', 'PATIENT_WISHES_CPR', 'WILL_NOT_IN_REGISTRY']) expect(flags).toContain(code);
    expect(new Set(sections.flatMap((r: any) => r.flags.filter((f: any) => f.code === 'TEMPORARY_REVOCATION_ACTIVE').map((f: any) => f.rule)))).toEqual(new Set(['R5.3', 'R5.3b']));
    expect(sections.some((r: any) => r.flags.length === 0)).toBe(true);
  });

  it('the sender telephone number is the authorContact, as MedCom writes it (system phone)', () => {
    const fromHospital = delivered.map(({ body }) => body).find((b) => b.entry[0].resource.source.endpoint.endsWith(SITES.hospital.sor));
    const contacts = fromHospital.entry.find((e: any) => e.resource.resourceType === 'Communication').resource.payload.at(-1).extension.find((x: any) => x.url.endsWith('contact-extension'));
    expect(contacts.valueContactPoint).toEqual({ system: 'phone', value: '97660000' });
  });
});

describe('the text a clinician reads is plain clinical Danish', () => {
  it('no enum code, rule id, ISO timestamp or English word in any Bundle or section delivered, nor in any status answer', () => {
    const texts = [
      ...statuses.flatMap((status) => textsOfStatus(status).map((t) => [`status of ${status.patientId}`, t] as const)),
      ...delivered.flatMap(({ file, body }) => textsOfBundle(body).map((t) => [file, t] as const)),
      ...dropFolder().filter(({ body }) => body.resourceType !== 'Bundle').flatMap(({ file, body }) => textsOfMessage(body.document ?? body).map((t) => [file, t] as const)),
    ];
    expect(texts.length).toBeGreaterThan(delivered.length * 5);
    const problems = texts.flatMap(([file, text]) => notDanish(text).map((p) => `${file}: ${p}`));
    expect(problems).toEqual([]);
  });
});
