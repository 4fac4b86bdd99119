/**
 * Every kind of korrespondancemeddelelse the service can produce, driven through the real HTTP
 * API: new messages and replies, each Communication category (discharge, care coordination), each
 * status and basis (physician, patient, register, testament; attempt CPR for every reason that
 * can be reached), with and without flags, an oral decision, a pending register refusal, each
 * role as author, and a message that waits unaddressed until its site is known.
 */
import { randomUUID } from 'node:crypto';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service } from '../support/service';

export const SITES = {
  hospital: HOSPITAL,
  otherHospital: { sector: 'hospital', sor: '265161000016000', ean: '5790000209354', name: 'Hjerteafdelingen, Herlev og Gentofte Hospital', phone: '+45 38 68 38 68' },
  nursingHome: NURSING_HOME,
  homeCare: { sector: 'municipality', sor: '953741000016111', ean: '5790001348137', name: 'Hjemmeplejen Vest', phone: '72 36 11 11' },
  ambulance: { sector: 'prehospital', sor: '1042981000016003', ean: '5790000121540', name: 'Akutberedskabet, Ambulance Nord', phone: '+45 70 15 15 15' },
  gp: GP,
  /** Named in a handover without a telephone number: its messages wait until the directory has one. */
  noPhone: { sector: 'hospital', sor: '265071000016999', ean: '5790000121533', name: 'Regionshospitalet Thisted, Akutafdelingen' },
} as const;

type SiteKey = keyof typeof SITES;

/** A member of staff at a site, as their token says. */
const staff = (role: string, name: string, at: SiteKey) => mintToken(role, {
  sub: `${role}-${at}`, name, org: SITES[at].sor, orgName: SITES[at].name, sector: SITES[at].sector,
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export interface Driven {
  patientIds: string[];
}

/** Runs every variant; answers the patients it made. */
export async function driveEveryVariant(s: Service): Promise<Driven> {
  await putSite(s, 'ambulance'); // an operator's entry: no handover names the ambulance service
  const patientIds: string[] = [];
  const patient = async () => { const id = await registerPatient(s); patientIds.push(id); return id; };
  const post = async (path: string, token: Promise<string>, body: Record<string, unknown>) => {
    const r = await s.call('POST', path, { token: await token, body });
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const decide = (id: string, token: Promise<string>, body: Record<string, unknown>) => {
    const decisionId = randomUUID();
    return post(`/v1/patients/${id}/decisions`, token, { decisionId, ...body }).then(() => decisionId);
  };
  const handover = (id: string, token: Promise<string>, kind: string, from: SiteKey, to: SiteKey, at: string, gp?: SiteKey) =>
    post(`/v1/patients/${id}/handovers`, token, { kind, at, from: SITES[from], to: SITES[to], ...(gp ? { generalPractitioner: SITES[gp] } : {}) });
  const revise = (id: string, decisionId: string, token: Promise<string>, action: string, revisedAt: string) =>
    post(`/v1/patients/${id}/decisions/${decisionId}/revisions`, token, { action, reason: 'Ny lægelig vurdering', revisedAt });

  const hospitalPhysician = staff('physician', 'Anna Holm', 'hospital');
  const hospitalNurse = staff('nurse', 'Mette Lund Sørensen', 'hospital');
  const gpPhysician = staff('physician', 'Peter Krogh', 'gp');
  const homeNurse = staff('nurse', 'Birgitte Dahl', 'nursingHome');
  const careWorker = staff('care_worker', 'Jonas Friis', 'nursingHome');
  const otherPhysician = staff('physician', 'Søren Bach', 'otherHospital');
  const paramedic = staff('paramedic', 'Lars Winther', 'ambulance');
  const homeCareNurse = staff('nurse', 'Ida Mørk', 'homeCare');

  // Physician's decision (all three grounds), discharge with GP (category discharge, new message);
  // re-evaluation flagged, reaffirmed; withdrawn by the GP; a new decision by the hospital (a reply).
  {
    const id = await patient();
    const decision = await decide(id, hospitalPhysician, { basis: 'physician', decidedAt: minutesAgo(300), grounds: ['irreversibly_dying', 'severe_disability', 'severe_suffering'] });
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'nursingHome', minutesAgo(290), 'gp');
    await post(`/v1/patients/${id}/condition-improvements`, homeNurse, { at: minutesAgo(280), dischargeable: false, note: 'Spiser igen' });
    await revise(id, decision, hospitalPhysician, 'reaffirm', minutesAgo(270));
    await revise(id, decision, gpPhysician, 'withdraw', minutesAgo(260));
    await decide(id, hospitalPhysician, { basis: 'physician', decidedAt: minutesAgo(250), grounds: ['irreversibly_dying'] });
    await post(`/v1/patients/${id}/temporary-revocations`, careWorker, { instrument: 'register', illnessSituation: { id: 'uvi-2026', description: 'Urinvejsinfektion' }, statedAt: minutesAgo(245) });
  }
  // Patient's own refusal, transfer (care coordination); improvement lapses it (clarify flag) — the receiving hospital replies.
  {
    const id = await patient();
    await decide(id, hospitalPhysician, { basis: 'patient', decidedAt: minutesAgo(240), illnessSituation: { id: 'kol-2026', description: 'Svær KOL med gentagne indlæggelser' } });
    await handover(id, hospitalNurse, 'transfer', 'hospital', 'otherHospital', minutesAgo(230), 'gp');
    await post(`/v1/patients/${id}/condition-improvements`, otherPhysician, { at: minutesAgo(220), dischargeable: true, illnessSituationId: 'kol-2026' });
  }
  // Register refusal in force, admission from the nursing home and back; a care worker there hears the patient revoke it for now.
  {
    const id = await patient();
    await decide(id, homeNurse, { basis: 'register', decidedAt: minutesAgo(210), registeredAt: daysAgo(30) });
    await handover(id, homeNurse, 'admission', 'nursingHome', 'hospital', minutesAgo(200));
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'nursingHome', minutesAgo(195), 'gp');
    await post(`/v1/patients/${id}/temporary-revocations`, careWorker, { instrument: 'register', illnessSituation: { id: 'pneumoni-2026', description: 'Lungebetændelse' }, statedAt: minutesAgo(190) });
  }
  // A register refusal declared invalid by a nurse who knows the citizen was incompetent when registering (with the report to STPS).
  {
    const id = await patient();
    const decision = await decide(id, homeNurse, { basis: 'register', decidedAt: minutesAgo(186), registeredAt: daysAgo(60) });
    await handover(id, homeNurse, 'admission', 'nursingHome', 'hospital', minutesAgo(185));
    await post(`/v1/patients/${id}/decisions/${decision}/revisions`, hospitalNurse, {
      action: 'declare_invalid', reason: 'Borgeren var utvivlsomt inhabil ved registreringen', revisedAt: minutesAgo(183),
      assessment: 'Svær demens, dokumenteret før registreringen', reportedToStps: { at: daysAgo(0), reference: 'STPS-2026-1234' },
    });
  }
  // Admission; then a paramedic records a register refusal not yet in force (pending flag) — from a site only the directory knows.
  {
    const id = await patient();
    await handover(id, homeNurse, 'admission', 'nursingHome', 'hospital', minutesAgo(180));
    await decide(id, paramedic, { basis: 'register', decidedAt: minutesAgo(175), registeredAt: daysAgo(1) });
  }
  // A binding behandlingstestamente; discharge to home care; an improvement flags it for re-assessment.
  {
    const id = await patient();
    await post(`/v1/patients/${id}/testament-activations`, hospitalPhysician, { kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: minutesAgo(160), permanentlyIncompetent: true });
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'homeCare', minutesAgo(150), 'gp');
    await post(`/v1/patients/${id}/condition-improvements`, homeCareNurse, { at: minutesAgo(140), dischargeable: false });
    const status = await s.call('GET', `/v1/patients/${id}/resuscitation-status`, { token: await hospitalPhysician });
    const activation = (status.body.instruments as Array<{ kind: string; id: string }>).find((i) => i.kind === 'testament');
    if (!activation) throw new Error(`no will activation in ${JSON.stringify(status.body)}`);
    await revise(id, activation.id, gpPhysician, 'withdraw', minutesAgo(135));
  }
  // A livstestamente that only advises the physician.
  {
    const id = await patient();
    await post(`/v1/patients/${id}/testament-activations`, hospitalPhysician, { kind: 'livstestamente', situation: 'severe_disability', assessedAt: minutesAgo(130), permanentlyIncompetent: true });
    await handover(id, hospitalNurse, 'transfer', 'hospital', 'otherHospital', minutesAgo(125));
  }
  // A behandlingstestamente conditional on the relatives, awaiting them; discharge; the relatives accept.
  {
    const id = await patient();
    const conditional = { kind: 'behandlingstestamente', situation: 'severe_suffering', permanentlyIncompetent: true, conditionalOnRelatives: true };
    await post(`/v1/patients/${id}/testament-activations`, hospitalPhysician, { ...conditional, assessedAt: minutesAgo(120), relativesAccepted: false });
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'nursingHome', minutesAgo(118), 'gp');
    await post(`/v1/patients/${id}/testament-activations`, hospitalPhysician, { ...conditional, assessedAt: minutesAgo(115), relativesAccepted: true });
  }
  // An oral decision awaiting written confirmation, admission; confirmed in writing.
  {
    const id = await patient();
    const decision = await decide(id, hospitalPhysician, { basis: 'physician', decidedAt: minutesAgo(110), grounds: ['irreversibly_dying'], oral: true });
    await handover(id, hospitalNurse, 'transfer', 'hospital', 'nursingHome', minutesAgo(105));
    await revise(id, decision, hospitalPhysician, 'confirm_in_writing', minutesAgo(100));
  }
  // No decision at all: »Genoplivning skal forsøges« at an admission; then a physician elsewhere decides (a site no handover named).
  {
    const id = await patient();
    await handover(id, homeNurse, 'admission', 'nursingHome', 'hospital', minutesAgo(95));
    await post(`/v1/patients/${id}/decisions`, otherPhysician, { basis: 'physician', decidedAt: minutesAgo(90), grounds: ['severe_suffering'] });
  }
  // A will found in the registry and activated; discharge; a later look-up finds no will — the will is in doubt (flag).
  {
    const id = await patient();
    const lookupId = randomUUID();
    await post(`/v1/patients/${id}/will-lookups`, hospitalNurse, { lookupId, at: minutesAgo(88), result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'] });
    await post(`/v1/patients/${id}/testament-activations`, hospitalPhysician, { lookupId, kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: minutesAgo(86), permanentlyIncompetent: true });
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'homeCare', minutesAgo(84), 'gp');
    await post(`/v1/patients/${id}/will-lookups`, homeCareNurse, { at: minutesAgo(82), result: 'not_found' });
  }
  // A register refusal beside the patient's own; admission; she withdraws her own refusal — her wish for CPR reaches the register too.
  {
    const id = await patient();
    await decide(id, homeNurse, { basis: 'register', decidedAt: minutesAgo(80), registeredAt: daysAgo(40) });
    const own = await decide(id, hospitalPhysician, { basis: 'patient', decidedAt: minutesAgo(79), illnessSituation: { id: 'hjertesvigt-2026', description: 'Svært hjertesvigt' } });
    await handover(id, hospitalNurse, 'discharge', 'hospital', 'nursingHome', minutesAgo(78), 'gp');
    await post(`/v1/patients/${id}/decisions/${own}/revisions`, careWorker, { action: 'withdraw', reason: 'Patienten siger, at hun vil genoplives', revisedAt: minutesAgo(76) });
  }
  return { patientIds };
}

/** The variant whose message waits unaddressed: sent from a site with no telephone number on record, until one is put in the directory. */
export async function dischargeFromSiteWithoutPhone(s: Service): Promise<string> {
  const id = await registerPatient(s);
  const nurse = staff('nurse', 'Hanne Kjær', 'noPhone');
  const r = await s.call('POST', `/v1/patients/${id}/handovers`, { token: await nurse, body: { kind: 'discharge', at: minutesAgo(60), from: SITES.noPhone, to: SITES.nursingHome, generalPractitioner: SITES.gp } });
  if (r.status !== 201) throw new Error(`handover: ${r.status} ${JSON.stringify(r.body)}`);
  return id;
}

export async function putSite(s: Service, key: SiteKey, changes: { phone?: string } = {}): Promise<void> {
  const { sor, ...site } = SITES[key];
  const r = await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: { ...site, ...changes } });
  if (r.status !== 200) throw new Error(`PUT site: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Every organisation a variant involves: the outbox is scoped to the caller's organisation, so each looks at its own. */
export const ORGANISATIONS = Object.values(SITES).map((site) => site.sor);
