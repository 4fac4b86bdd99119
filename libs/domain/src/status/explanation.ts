/**
 * One short text a crew can read at the bedside: why this answer. Plain Danish, the guidance
 * cited as the guidance (never rule ids); in doubt, CPR is attempted (VEJ 9921/2024, pkt. 2).
 */
import { citeGuidance } from '../vocabulary/danish-words';
import { AttemptCprReason, InstrumentKind, InstrumentView } from './resuscitation-status';

const WHY_REFUSED: Record<InstrumentKind, string> = {
  register: `Borgeren har registreret fravalg af genoplivningsforsøg i fravalgsregisteret. Registreringen er i kraft og går forud for alle andre ordninger, også behandlingstestamenter (${citeGuidance('undtagelse 5')}).`,
  physician: `Den behandlingsansvarlige læge har besluttet, at der ikke er lægelig indikation for genoplivningsforsøg. Beslutningen gælder på tværs af sektorovergange, indtil en behandlingsansvarlig læge beslutter andet (${citeGuidance('undtagelse 3')}).`,
  patient: `Den habile patient har selv fravalgt genoplivningsforsøg i den aktuelle sygdomssituation. Fravalget gælder kun i denne sygdomssituation, og patienten kan til enhver tid trække det tilbage (${citeGuidance('undtagelse 4')}).`,
  testament: `En læge har vurderet patienten varigt inhabil i en situation, som patientens behandlings- eller livstestamente omfatter (${citeGuidance('undtagelse 6')}).`,
};

const WHY_ATTEMPT: Record<AttemptCprReason, string> = {
  NO_PRIOR_DECISION: 'Der er ikke registreret noget gældende fravalg af genoplivningsforsøg her. Genoplivning forsøges, medmindre en undtagelse er kendt.',
  DECISION_WITHDRAWN: 'Fravalget er trukket tilbage.',
  DECISION_LAPSED: 'Patientens eget fravalg er bortfaldet, fordi patientens tilstand er væsentligt forbedret. Det skal afklares, om patienten fastholder ønsket, og lægen skal vurdere det på ny.',
  REGISTER_NOT_YET_EFFECTIVE: 'Det registrerede fravalg træder først i kraft 7 dage efter registreringen.',
  TEMPORARILY_REVOKED: 'Patienten har tilkendegivet ønske om genoplivning i den aktuelle sygdomssituation. Det tilsidesætter patientens egne fravalg, indtil patienten kan udskrives efter væsentlig bedring.',
  TESTAMENT_ADVISORY_ONLY: 'Livstestamentet er i denne situation kun vejledende for lægen.',
  AWAITING_RELATIVES_ACCEPTANCE: 'Behandlingstestamentet er gjort betinget af de nærmeste pårørendes tilslutning, som endnu ikke foreligger.',
};

/** Withdrawn is said more precisely when the instrument says how. */
const HOW_WITHDRAWN: Record<string, string> = {
  'R5.5': 'Registreringen i fravalgsregisteret er vurderet ugyldig, fordi borgeren utvivlsomt var inhabil, da fravalget blev registreret.',
  'R5.4': 'Registreringen i fravalgsregisteret er slettet.',
  'R6.7': 'Lægen har trukket vurderingen af, at testamentet er trådt i kraft, tilbage.',
};

const IN_DOUBT = `Er der tvivl, skal genoplivning forsøges (${citeGuidance('pkt. 2')}).`;

export function explain(basis: InstrumentKind | null, reason: AttemptCprReason | null, decisive?: InstrumentView): string {
  if (basis) return WHY_REFUSED[basis];
  const why = reason === 'DECISION_WITHDRAWN' && decisive ? HOW_WITHDRAWN[decisive.rule] ?? WHY_ATTEMPT[reason] : WHY_ATTEMPT[reason ?? 'NO_PRIOR_DECISION'];
  return `${why} ${IN_DOUBT}`;
}
