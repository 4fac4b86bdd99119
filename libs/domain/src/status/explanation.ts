/**
 * One short text a crew can read at the bedside: why this answer, and what to do. Plain Danish,
 * Danish time, the guidance cited as the guidance (never rule ids); in doubt, CPR is attempted
 * (VEJ 9921/2024, pkt. 2).
 */
import { citeGuidance, danishDateTime } from '../vocabulary/danish-words';
import { Instrument } from './instrument-states';
import { AttemptCprReason, InstrumentKind } from './resuscitation-status';

const WHY_REFUSED: Record<InstrumentKind, string> = {
  register: `Borgeren har registreret fravalg af genoplivningsforsøg i fravalgsregisteret. Registreringen er i kraft og går forud for alle andre ordninger, også behandlingstestamenter (${citeGuidance('undtagelse 5')}).`,
  physician: `Den behandlingsansvarlige læge har besluttet, at der ikke er lægelig indikation for genoplivningsforsøg. Beslutningen gælder på tværs af sektorovergange, indtil en behandlingsansvarlig læge beslutter andet (${citeGuidance('undtagelse 3')}).`,
  patient: `Den habile patient har selv fravalgt genoplivningsforsøg i den aktuelle sygdomssituation. Fravalget gælder kun i denne sygdomssituation, og patienten kan til enhver tid trække det tilbage (${citeGuidance('undtagelse 4')}).`,
  testament: `Testamentet er trådt i kraft og er bindende: en læge har vurderet patienten varigt inhabil i en situation, som patientens behandlings- eller livstestamente omfatter (${citeGuidance('undtagelse 6')}).`,
};

const WHY_ATTEMPT: Record<AttemptCprReason, string> = {
  NO_PRIOR_DECISION: 'Der er ikke registreret noget gældende fravalg af genoplivningsforsøg her. Genoplivning forsøges, medmindre en undtagelse er kendt.',
  DECISION_WITHDRAWN: 'Fravalget er trukket tilbage.',
  DECISION_LAPSED: 'Patientens eget fravalg er bortfaldet, fordi patientens tilstand er væsentligt forbedret. Det skal afklares, om patienten fastholder ønsket, og lægen skal vurdere det på ny.',
  REGISTER_NOT_YET_EFFECTIVE: 'Det registrerede fravalg træder først i kraft 7 dage efter registreringen.',
  TEMPORARILY_REVOKED: 'Patienten har tilkendegivet ønske om genoplivning i den aktuelle sygdomssituation. Det tilsidesætter patientens egne fravalg, indtil patienten kan udskrives efter væsentlig bedring.',
  TESTAMENT_ADVISORY_ONLY: 'Livstestamentet er i denne situation kun vejledende: den behandlingsansvarlige læge skal selv tage stilling til, om genoplivning skal fravælges.',
  AWAITING_RELATIVES_ACCEPTANCE: 'Behandlingstestamentet er gjort betinget af de nærmeste pårørendes tilslutning, som endnu ikke foreligger. Kontakt de nærmeste pårørende.',
};

/** Whose refusal ended, and when — said as precisely as the instrument allows. */
function howWithdrawn(i: Instrument): string {
  const when = danishDateTime(i.sinceInstant);
  switch (i.view.rule) {
    case 'R5.5': return `Registreringen i fravalgsregisteret blev ${when} vurderet ugyldig, fordi borgeren utvivlsomt var inhabil, da fravalget blev registreret.`;
    case 'R5.4': return `Registreringen i fravalgsregisteret er slettet (oplyst ${when}).`;
    case 'R6.7': return `Lægen har ${when} trukket vurderingen af, at testamentet er trådt i kraft, tilbage.`;
    case 'R4.4': return `Patienten trak sit eget fravalg tilbage ${when}.`;
    default: return `Lægens beslutning om fravalg af genoplivningsforsøg blev trukket tilbage ${when}.`;
  }
}

const IN_DOUBT = `Er der tvivl, skal genoplivning forsøges (${citeGuidance('pkt. 2')}).`;

/** R6.6: a will suspended because a later look-up of the registry does not show it. */
const WILL_NOT_IN_REGISTRY = 'Et nyere opslag i testamenteregistret viser ikke det testamente, som lægen vurderede trådt i kraft. Testamentet kan være tilbagekaldt, og lægen skal afklare det.';

/** R6.6 + pkt. 2: two look-ups at the same time, one showing the will and one not. */
const REGISTRY_DISAGREES = 'To opslag i testamenteregistret med samme tidspunkt giver forskellige svar: det ene viser testamentet, det andet ikke. Testamentet kan være tilbagekaldt, og lægen skal afklare det.';

/** R4.7, R5.5: a refusal the record contradicts — the patient was already permanently incompetent. */
const MADE_WHILE_INCOMPETENT = {
  patient: 'Patientens eget fravalg er truffet på et tidspunkt, hvor journalen viser patienten varigt inhabil. En varigt inhabil patient kan ikke selv fravælge genoplivningsforsøg; kun den behandlingsansvarlige læge kan beslutte det.',
  register: 'Journalen viser, at borgeren var vurderet varigt inhabil, før fravalget blev registreret i fravalgsregisteret. Registreringen er derfor ikke bindende.',
} as const;

/** Why the instrument whose change decided the answer does not bind, when a state's reason alone would not say it. */
function whyNotBinding(decisive: Instrument): string | undefined {
  if (decisive.view.rule === 'R6.6') return decisive.registryDisagrees ? REGISTRY_DISAGREES : WILL_NOT_IN_REGISTRY;
  if (decisive.incompetentSince === undefined) return undefined;
  return decisive.view.kind === 'patient' ? MADE_WHILE_INCOMPETENT.patient : MADE_WHILE_INCOMPETENT.register;
}

export function explain(basis: InstrumentKind | null, reason: AttemptCprReason | null, decisive?: Instrument | null): string {
  if (basis) return WHY_REFUSED[basis];
  const why = reason === 'DECISION_WITHDRAWN' && decisive ? howWithdrawn(decisive)
    : (decisive && whyNotBinding(decisive)) ?? WHY_ATTEMPT[reason ?? 'NO_PRIOR_DECISION'];
  return `${why} ${IN_DOUBT}`;
}
