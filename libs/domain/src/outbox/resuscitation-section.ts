/**
 * The status as of the causing event, with R7.4's "whose decision, and how it may change", and the
 * text a clinician reads in the receiving EHR. Structured fields keep their codes; every text is
 * plain clinical Danish in the guidance's words, dates in Danish time, the guidance cited instead
 * of rule ids (handover-messages.md "Content", 2026-11-22).
 */
import { ResuscitationStatus } from '../status/resuscitation-status';
import { EventOf, PatientEvent } from '../events/patient-event';
import { instantOf } from '../time/danish-time';
import {
  citeGuidance, danishDate, danishDateTime, GROUND_IN_DANISH, ROLE_IN_DANISH, TESTAMENT_IN_DANISH, WILL_SITUATION_IN_DANISH,
} from '../vocabulary/danish-words';
import { PhysicianGround, TestamentKind } from '../vocabulary/primitives';
import { ResuscitationSection } from './handover-message';

type Detail = Pick<ResuscitationSection, 'grounds' | 'illnessSituation' | 'testament' | 'registerEffectiveFrom'> & { decidedByOrgName?: string };

export function resuscitationSection(status: ResuscitationStatus, detail: Detail): ResuscitationSection {
  const { decidedByOrgName, ...fields } = detail;
  const section: ResuscitationSection = {
    status: status.status,
    basis: status.basis,
    statement: status.statement,
    reason: status.reason,
    explanation: status.explanation,
    decidedBy: status.decision ? { ...status.decision.decidedBy, ...(decidedByOrgName ? { orgName: decidedByOrgName } : {}) } : null,
    decidedAt: status.decision?.decidedAt ?? null,
    ...fields,
    flags: status.flags,
    whoseDecision: '',
    howItMayChange: '',
    statusVersion: status.version,
  };
  // Filled in on the section itself (it is new here): both texts read its basis and details.
  section.whoseDecision = whoseDecision(section);
  section.howItMayChange = howItMayChange(section);
  return section;
}

/** R7.4: whose decision it is — the physician's, the patient's, the register's or a will's. */
function whoseDecision(s: ResuscitationSection): string {
  switch (s.basis) {
    case 'physician': return `Lægens beslutning: den behandlingsansvarlige læge har på forhånd besluttet fravalg af genoplivningsforsøg (${citeGuidance('undtagelse 3')})`;
    case 'patient': return `Patientens egen beslutning: patienten har som habil fravalgt genoplivningsforsøg i den aktuelle sygdomssituation (${citeGuidance('undtagelse 4')})`;
    case 'register': return `Borgerens eget fravalg, registreret i fravalgsregisteret (${citeGuidance('undtagelse 5')})`;
    case 'testament': return `Patientens ${testamentWord(s)} er trådt i kraft: en læge har vurderet patienten varigt inhabil i en situation, testamentet omfatter (${citeGuidance('undtagelse 6')})`;
    default: return 'Der er ingen gældende beslutning om fravalg af genoplivningsforsøg';
  }
}

/** R7.4: how the decision may change — the rules differ by whose decision it is. */
function howItMayChange(s: ResuscitationSection): string {
  switch (s.basis) {
    case 'physician':
      return 'Beslutningen gælder uanset sektorskifte, indtil den behandlingsansvarlige læge eller en senere behandlingsansvarlig læge beslutter andet. Bedres patientens tilstand væsentligt, skal den behandlingsansvarlige læge kontaktes og revurdere beslutningen.';
    case 'patient':
      return 'Fravalget gælder kun i den aktuelle sygdomssituation. Patienten kan til enhver tid trække det tilbage, og det skal efterleves straks. Bedres patientens tilstand væsentligt, bortfalder fravalget, indtil det er afklaret, om patienten fastholder ønsket, og lægen har vurderet det på ny.';
    case 'register':
      return `Fravalget er i kraft fra ${s.registerEffectiveFrom ? danishDate(s.registerEffectiveFrom) : 'syv dage efter registreringen'} og gælder i alle situationer. Det går forud for behandlings- og livstestamenter. Borgeren kan midlertidigt tilbagekalde det for den aktuelle sygdomssituation over for enhver sundhedsperson; varig tilbagekaldelse sker i registeret.`;
    case 'testament':
      return `${willSituation(s)} Et registreret fravalg går forud for testamentet. Bedres patientens tilstand væsentligt, skal lægen vurdere, om patienten fortsat er i en situation, testamentet omfatter.`;
    default:
      return 'Genoplivning skal forsøges, indtil et fravalg er besluttet eller registreret og meddelt.';
  }
}

function testamentWord(s: ResuscitationSection): string {
  return s.testament ? TESTAMENT_IN_DANISH[s.testament.kind as TestamentKind] : 'behandlings- eller livstestamente';
}

function willSituation(s: ResuscitationSection): string {
  if (!s.testament) return '';
  const situation = WILL_SITUATION_IN_DANISH[s.testament.situation as PhysicianGround];
  return `Testamentet omfatter situationen, hvor ${situation}, og er ${s.testament.binding ? 'bindende' : 'kun vejledende'} for lægen.`;
}

/** The Danish plain text a clinician reads in the receiving EHR, from a section resuscitationSection wrote. */
export function danishText(s: ResuscitationSection, patientName: string): string {
  const lines = [
    `Vedrørende ${patientName}: ${s.statement}.`,
    s.reason ? s.explanation : '',
    `${s.whoseDecision}.`,
    decidedByLine(s),
    s.grounds?.length ? `Begrundelse: ${s.grounds.map((g) => GROUND_IN_DANISH[g as PhysicianGround]).join('. ')}.` : '',
    s.illnessSituation ? `Aktuel sygdomssituation: ${withoutFinalStop(s.illnessSituation.description)}.` : '',
    s.howItMayChange,
    ...s.flags.map((f) => `OBS: ${f.detail}`),
  ];
  return lines.filter(Boolean).join('\n');
}

function decidedByLine(s: ResuscitationSection): string {
  if (!s.decidedBy || !s.decidedAt) return '';
  const where = s.decidedBy.orgName ? `, ${s.decidedBy.orgName}` : '';
  const verb = s.basis === 'register' ? 'Registeropslaget er noteret' : s.basis === 'testament' ? 'Vurderet' : 'Besluttet';
  return `${verb} af ${s.decidedBy.name}, ${ROLE_IN_DANISH[s.decidedBy.role]}${where}, ${danishDateTime(instantOf(s.decidedAt))}.`;
}

const withoutFinalStop = (text: string) => text.trim().replace(/[.]+$/, '');

/** Grounds (physician), illness situation (patient), will details, register dates and the decider's organisation. */
export function detailOf(status: ResuscitationStatus, events: readonly PatientEvent[]): Detail {
  const registerFrom = registerEffectiveFrom(status);
  const base: Detail = registerFrom ? { registerEffectiveFrom: registerFrom } : {};
  const id = status.decision?.decisionId;
  if (!id) return base;
  const orgName = organisationNameOf(status.decision?.decidedBy.org, events);
  const withOrg: Detail = { ...base, ...(orgName ? { decidedByOrgName: orgName } : {}) };
  const made = events.find((e): e is EventOf<'DecisionMade'> => e.type === 'DecisionMade' && e.data.decisionId === id);
  if (made?.data.grounds && status.basis === 'physician') return { ...withOrg, grounds: made.data.grounds };
  if (made?.data.illnessSituation && status.basis === 'patient') return { ...withOrg, illnessSituation: made.data.illnessSituation };
  const will = status.instruments.find((i) => i.id === id)?.testament;
  return will ? { ...withOrg, testament: { ...will, binding: true } } : withOrg;
}

/** The register refusal that decides or is about to: the day it takes (or took) effect. */
function registerEffectiveFrom(status: ResuscitationStatus): string | undefined {
  const deciding = status.instruments.find((i) => i.id === status.decision?.decisionId && i.kind === 'register');
  const pending = status.instruments.find((i) => i.kind === 'register' && i.state === 'pending');
  return (deciding ?? pending)?.effectiveFrom;
}

/** The name the record gives the organisation: the recorder's token, else a handover that named the site. */
function organisationNameOf(sor: string | undefined, events: readonly PatientEvent[]): string | undefined {
  if (!sor) return undefined;
  for (const e of events) if (e.recordedBy.org === sor && e.recordedBy.orgName) return e.recordedBy.orgName;
  for (const e of events) {
    if (e.type !== 'HandedOverTo') continue;
    const named = [e.data.from, e.data.to, e.data.generalPractitioner].find((site) => site?.sor === sor);
    if (named) return named.name;
  }
  return undefined;
}

