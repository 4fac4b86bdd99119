/**
 * Flags say what someone must still do, or what is about to change, whatever the status is.
 * `detail` is for a clinician: plain Danish, Danish time, no codes. It is written — its dates too —
 * only when the answer is rendered: deciding whether anything changed needs the codes, not the
 * text (the rebuild assesses twice per event and renders one answer in two).
 */
import { instantOf } from '../time/danish-time';
import { danishDate, danishDateTime } from '../vocabulary/danish-words';
import { Flag } from './resuscitation-status';
import { Instrument } from './instrument-states';
import { WishForCpr } from './timeline';

/** A flag before its text is written: `detail` writes it. */
export type FlagFact = Omit<Flag, 'detail'> & { detail: () => string };

export function renderFlag(f: FlagFact): Flag {
  const flag: Flag = { code: f.code, rule: f.rule, detail: f.detail() };
  if (f.instrumentId !== undefined) flag.instrumentId = f.instrumentId;
  return flag;
}

export function flagsOf(instruments: readonly Instrument[], wishes: readonly WishForCpr[]): FlagFact[] {
  const flags: FlagFact[] = [];
  for (const i of instruments) flagsOfInstrument(i, instruments, flags);
  const current = wishes.filter((w) => !supersededByNewerRefusal(w, instruments));
  // A withdrawal already says what it ended; its flag is for the other refusals its wish suspends.
  const suspends = instruments.some((i) => i.view.state === 'suspended');
  for (const w of current) if (w.named !== 'patient' || suspends) flags.push(wishForCprFlag(w));
  const latest = current[current.length - 1];
  const physicians = instruments.filter((i) => i.view.kind === 'physician' && i.view.state === 'in_force');
  if (latest && physicians.length > 0 && !physicians.some((p) => reassessedAfter(p, latest))) flags.push(patientWishesCpr(newestOf(physicians), latest));
  return flags;
}

/**
 * The patient has since refused CPR again in that illness situation, to the physician (R4.2): their
 * newer word. The wish still keeps what it suspended suspended (R5.3: until discharge), but a note
 * that they wish CPR must not stand beside »Patienten … ønsker ikke genoplivningsforsøg«
 * (001: »der må ikke være tvivl om betydningen«).
 */
function supersededByNewerRefusal(w: WishForCpr, instruments: readonly Instrument[]): boolean {
  return instruments.some((i) => i.view.kind === 'patient' && i.view.state === 'in_force' && i.view.illnessSituationId === w.illnessSituation.id && instantOf(i.view.decidedAt) > (w.asLateAs ?? w.statedAt));
}

/**
 * R5.3b The physician has done what PATIENT_WISHES_CPR asks once a responsible physician has
 * re-evaluated a decision in force and kept it after the wish — stated after it, and recorded
 * after the service learnt of it: a re-evaluation made before the wish was known was made
 * without it.
 */
function reassessedAfter(physician: Instrument, wish: WishForCpr): boolean {
  return physician.reaffirmedAt !== undefined && physician.reaffirmedAt >= wish.statedAt && (physician.reaffirmRecordedAt as number) >= wish.recordedAt;
}

/** The decision the status shows among several physicians' (precedence.ts: the latest). */
const newestOf = (instruments: Instrument[]): Instrument => instruments.reduce((a, b) => (b.sinceInstant > a.sinceInstant ? b : a));

/** Adds the flags of one instrument to `flags`. */
function flagsOfInstrument(i: Instrument, all: readonly Instrument[], flags: FlagFact[]): void {
  const { view } = i;
  const since = i.reevaluationRequiredSince;
  if (view.state === 'in_force' && since !== undefined) {
    flags.push(view.kind === 'testament'
      ? { code: 'REEVALUATION_REQUIRED', rule: 'R6.8', instrumentId: view.id, detail: () => `Patientens tilstand er væsentligt forbedret (${danishDateTime(since)}). Lægen skal vurdere, om patienten fortsat er varigt inhabil og befinder sig i en situation, som testamentet omfatter. Testamentet gælder, indtil lægen har vurderet det.` }
      : { code: 'REEVALUATION_REQUIRED', rule: 'R3.4', instrumentId: view.id, detail: () => `Patientens tilstand er væsentligt forbedret (${danishDateTime(since)}). Beslutningen gælder, indtil den behandlingsansvarlige læge har revurderet den.` });
  }
  if (view.state === 'in_force' && i.oralUnconfirmed) {
    flags.push({ code: 'WRITTEN_CONFIRMATION_PENDING', rule: 'R7.1', instrumentId: view.id, detail: () => 'Beslutningen er givet mundtligt og skal følges op skriftligt hurtigst muligt.' });
  }
  if (view.state === 'pending') {
    flags.push({ code: 'REGISTER_PENDING', rule: 'R5.1', instrumentId: view.id, detail: () => `Det registrerede fravalg træder i kraft ${danishDate(view.effectiveFrom as string)} kl. 00.00, 7 dage efter registreringen.` });
  }
  if (view.state === 'suspended' && view.rule === 'R6.6') flags.push(willNotInRegistry(i));
  if (view.state === 'suspended' && i.incompetentSince !== undefined) flags.push(madeWhileIncompetent(i, i.incompetentSince));
  if (view.state === 'lapsed' && !clarifiedByNewerRefusal(i, all)) {
    flags.push({ code: 'CLARIFY_PATIENT_WISH', rule: 'R4.5', instrumentId: view.id, detail: () => `Patientens fravalg bortfaldt ved væsentlig bedring (${danishDateTime(i.lapsedAt as number)}). Afklar, om patienten fastholder ønsket om ikke at blive genoplivet, og få lægen til at vurdere det på ny.` });
  }
}

/** R6.6 The registry's latest answer does not show the will — or, given twice at the same time, answers both ways. */
function willNotInRegistry(i: Instrument): FlagFact {
  return { code: 'WILL_NOT_IN_REGISTRY', rule: 'R6.6', instrumentId: i.view.id, detail: () => `${willNotShown(i)} Lægen skal afklare det – ved et nyt opslag, en ny vurdering, eller ved at trække vurderingen tilbage.` };
}

function willNotShown(i: Instrument): string {
  const looked = danishDateTime(i.sinceInstant);
  const assessed = danishDateTime(instantOf(i.view.decidedAt));
  return i.registryDisagrees
    ? `Opslag i testamenteregistret med samme tidspunkt (${looked}) giver forskellige svar: et af dem viser ikke det testamente, som lægen ${assessed} vurderede trådt i kraft. Ved tvivl forsøges genoplivning.`
    : `Et opslag i testamenteregistret ${looked} viser ikke det testamente, som lægen ${assessed} vurderede trådt i kraft. Testamentet kan være tilbagekaldt.`;
}

/**
 * R4.7/R5.5 A refusal the patient made, by the record, while permanently incompetent: what it
 * contradicts, and what the physician can do — decide herself (R3), or record the assessment.
 */
function madeWhileIncompetent(i: Instrument, since: number): FlagFact {
  return i.view.kind === 'patient'
    ? { code: 'MADE_WHILE_PERMANENTLY_INCOMPETENT', rule: 'R4.7', instrumentId: i.view.id, detail: () => `Patientens eget fravalg er dateret ${danishDateTime(instantOf(i.view.decidedAt))}, men journalen viser, at patienten allerede ${danishDateTime(since)} var vurderet varigt inhabil. En varigt inhabil patient kan ikke selv fravælge genoplivningsforsøg; kun den behandlingsansvarlige læge kan beslutte det. Genoplivning skal forsøges, indtil lægen har taget stilling.` }
    : { code: 'MADE_WHILE_PERMANENTLY_INCOMPETENT', rule: 'R5.5', instrumentId: i.view.id, detail: () => `Fravalget i fravalgsregisteret er registreret, efter at borgeren ${danishDateTime(since)} var vurderet varigt inhabil. Registreringen er derfor ikke bindende. Vurderingen skal noteres som en ugyldig registrering og indberettes til Styrelsen for Patientsikkerhed.` };
}

/**
 * R4.5a The clarification is done once the patient has made a new refusal after the lapse — or at
 * its very minute, if the improvement did not reach it (timeline.ts madeKnowingOf: made knowing of it).
 */
function clarifiedByNewerRefusal(lapsed: Instrument, all: readonly Instrument[]): boolean {
  return all.some((i) => i.view.kind === 'patient' && i !== lapsed && i.lapsedAt === undefined && instantOf(i.view.decidedAt) >= (lapsed.lapsedAt as number));
}

/**
 * R5.3/R5.3b/R6.4 The wish for CPR, said as what it is — whichever instrument the recorder named —
 * and bound to its illness situation: what it sets aside is what the patient had said before it,
 * so a refusal she has made since (in this or another illness situation) is her newer word and
 * may stand beside it; the note must not read as covering that one (001 »der må ikke være tvivl om
 * betydningen«).
 */
function wishForCprFlag(w: WishForCpr): FlagFact {
  return {
    code: 'TEMPORARY_REVOCATION_ACTIVE',
    rule: w.named === 'register' ? 'R5.3' : w.named === 'testament' ? 'R6.4' : 'R5.3b',
    detail: () => w.named === 'patient'
      ? `Patienten har ${danishDateTime(w.statedAt)} trukket sit eget fravalg tilbage og dermed tilkendegivet ønske om genoplivning i sygdomssituationen »${w.illnessSituation.description}«. ${whatTheWishReaches(w)} Den behandlingsansvarlige læge skal orienteres.`
      : `Patienten har ${danishDateTime(w.statedAt)} tilkendegivet ønske om genoplivning i sygdomssituationen »${w.illnessSituation.description}« (midlertidig tilbagekaldelse). ${whatTheWishReaches(w)} Den behandlingsansvarlige læge skal orienteres.`,
  };
}

/** R5.3b what the wish sets aside, and until when; R6.4 said while the patient was not competent, it leaves a will binding. */
function whatTheWishReaches(w: WishForCpr): string {
  const setAside = w.patientCompetent === false
    ? 'et registreret fravalg og de fravalg, patienten selv havde truffet inden da – men ikke et behandlings- eller livstestamente: det kan kun tilbagekaldes, mens patienten er habil, og patienten var ikke habil'
    : 'et registreret fravalg, et testamente og de fravalg, patienten selv havde truffet inden da';
  return `Ønsket gælder, indtil patienten kan udskrives efter væsentlig bedring i denne sygdomssituation. Indtil da tilsidesætter det ${setAside}. Et fravalg, som patienten siden selv har truffet over for lægen, gælder.`;
}

/**
 * R5.3b The physician's decision stands, but the physician must know the patient now wishes CPR
 * — until the physician has re-evaluated the decision after the wish and kept it.
 */
function patientWishesCpr(physician: Instrument, wish: WishForCpr): FlagFact {
  return {
    code: 'PATIENT_WISHES_CPR',
    rule: 'R5.3b',
    instrumentId: physician.view.id,
    detail: () => `Patienten har ${danishDateTime(wish.statedAt)} tilkendegivet ønske om genoplivning i sygdomssituationen »${wish.illnessSituation.description}«. Lægens beslutning gælder fortsat; den behandlingsansvarlige læge skal orienteres og tage stilling til beslutningen på ny.`,
  };
}
