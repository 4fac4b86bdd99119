/**
 * Danish for the codes the console shows. libs/domain has the words for roles, sectors, grounds,
 * will situations and testament kinds (used directly); the rest — bases, reasons, instrument states,
 * flags, delivery, events, rules — it has no Danish for, so they live here, for people: codes stay
 * in the structured fields, never on screen. An unknown code (a newer service) reads as a neutral
 * phrase, never as the code itself, and never as "no refusal".
 */
import type { AttemptCprReason, EscalationReason, InstrumentKind, InstrumentState, MessageKind } from '@dnr/domain';

export const BASIS_IN_DANISH: Record<InstrumentKind, string> = {
  physician: 'Lægens beslutning (undtagelse 3)',
  patient: 'Patientens eget fravalg (undtagelse 4)',
  register: 'Registreret fravalg i fravalgsregistret (undtagelse 5)',
  testament: 'Behandlings- eller livstestamente (undtagelse 6)',
};

/** The reason in a few words (the feed's lines; a status answer's own `explanation` says it in full). */
export const REASON_IN_DANISH: Record<AttemptCprReason, string> = {
  NO_PRIOR_DECISION: 'Der er ikke registreret noget fravalg af genoplivningsforsøg her.',
  DECISION_WITHDRAWN: 'Fravalget er trukket tilbage.',
  DECISION_LAPSED: 'Patientens fravalg er bortfaldet ved væsentlig bedring, indtil det er afklaret, om patienten fastholder ønsket, og lægen har vurderet det på ny.',
  REGISTER_NOT_YET_EFFECTIVE: 'Det registrerede fravalg træder først i kraft 7 dage efter registreringen.',
  TEMPORARILY_REVOKED: 'Patienten har midlertidigt tilbagekaldt fravalget i den aktuelle sygdomssituation.',
  TESTAMENT_ADVISORY_ONLY: 'Livstestamentet er i denne situation kun vejledende for lægen.',
  AWAITING_RELATIVES_ACCEPTANCE: 'Behandlingstestamentet binder først, når de nærmeste pårørende har accepteret.',
};

export const STATE_IN_DANISH: Record<InstrumentState, string> = {
  in_force: 'i kraft',
  pending: 'afventer ikrafttræden',
  lapsed: 'bortfaldet',
  withdrawn: 'trukket tilbage',
  suspended: 'midlertidigt tilbagekaldt',
  advisory: 'kun vejledende',
  awaiting_relatives: 'afventer de pårørendes accept',
};

/** What must still be done: the flag's heading (its `detail` from the service follows it). */
export const FLAG_IN_DANISH: Record<string, string> = {
  REEVALUATION_REQUIRED: 'Skal revurderes af lægen',
  WRITTEN_CONFIRMATION_PENDING: 'Mundtlig beslutning – skal bekræftes skriftligt',
  REGISTER_PENDING: 'Registreret fravalg – endnu ikke i kraft',
  CLARIFY_PATIENT_WISH: 'Afklar patientens ønske',
  TEMPORARY_REVOCATION_ACTIVE: 'Midlertidig tilbagekaldelse',
  PATIENT_WISHES_CPR: 'Patienten ønsker genoplivning',
  WILL_NOT_IN_REGISTRY: 'Testamenteregistret viser ikke testamentet',
  MADE_WHILE_PERMANENTLY_INCOMPETENT: 'Fravalg truffet, mens patienten var varigt inhabil',
};

/** How each kind of decision may change: what staff hand the crew with it (R7.4). */
export const HOW_IT_MAY_CHANGE: Record<InstrumentKind | 'none', string> = {
  physician: 'Gælder på tværs af sektorovergange, indtil en behandlingsansvarlig læge beslutter andet. Skal revurderes af lægen ved væsentlig bedring.',
  patient: 'Gælder kun i den aktuelle sygdomssituation. Patienten kan til enhver tid trække fravalget tilbage, og det bortfalder ved væsentlig bedring.',
  register: 'Gælder i alle situationer, også ved ulykker, og går forud for behandlingstestamenter. Borgeren kan midlertidigt tilbagekalde det over for enhver sundhedsperson for den aktuelle sygdomssituation; helt kun i registret.',
  testament: 'Gælder kun, mens patienten er varigt inhabil i en situation, testamentet omfatter. Lægen kan trække ikrafttrædelsen tilbage.',
  none: 'Genoplivning skal forsøges, medmindre en gyldig beslutning om fravalg bliver kendt. Et manglende fravalg her er ikke det samme som, at der intet fravalg findes andre steder.',
};

export const ESCALATION_IN_DANISH: Record<EscalationReason, string> = {
  NO_RECEIPT: 'Ingen kvittering fra modtageren',
  FATAL_ERROR: 'Modtageren afviste meddelelsen',
  // True whatever is missing (no recipient named, an EAN, a telephone number, of sender or recipient): the entry says which.
  UNADDRESSED: 'Kan ikke sendes: der mangler oplysninger om afsender eller modtager',
  PHONE_CONTACT_REQUIRED: 'Ring til modtageren: udskrevet uden for dagtid',
  UNDELIVERABLE: 'Meddelelsen kan ikke leveres',
};

export const DELIVERY_STATE_IN_DANISH: Record<string, string> = {
  pending: 'afventer afsendelse',
  sent: 'sendt, afventer kvittering',
  acknowledged: 'kvitteret',
  failed: 'midlertidig fejl hos modtageren, sendes igen', // only a transient-error receipt leaves a message here (delivery.ts)
  escalated: 'kræver handling',
};

export const MESSAGE_KIND_IN_DANISH: Record<MessageKind, string> = {
  epikrise: 'Epikrise',
  udskrivningsrapport: 'Udskrivningsrapport',
  korrespondancemeddelelse: 'Korrespondancemeddelelse',
};

export const RECEIPT_IN_DANISH: Record<string, string> = {
  ok: 'modtaget',
  'transient-error': 'midlertidig fejl hos modtageren',
  'fatal-error': 'afvist af modtageren',
};

export const HANDOVER_KIND_IN_DANISH: Record<string, string> = {
  admission: 'Indlæggelse',
  discharge: 'Udskrivelse',
  transfer: 'Overflytning',
};

export const REVISION_IN_DANISH: Record<string, string> = {
  withdraw: 'Træk tilbage',
  reaffirm: 'Fasthold efter revurdering',
  confirm_in_writing: 'Bekræft mundtlig beslutning skriftligt',
  declare_invalid: 'Erklær registreringen ugyldig',
};

export const EVENT_IN_DANISH: Record<string, string> = {
  PatientRegistered: 'Patient registreret',
  DecisionMade: 'Beslutning registreret',
  Revised: 'Beslutning revideret',
  HandedOverTo: 'Sektorovergang',
  TemporarilyRevoked: 'Midlertidig tilbagekaldelse',
  TestamentActivated: 'Testamente trådt i kraft',
  ConditionImproved: 'Væsentlig bedring',
  WillRegistryLookedUp: 'Opslag i testamenteregistret',
};

export const REVOCABLE_IN_DANISH: Record<string, string> = {
  register: 'Registreret fravalg (fravalgsregistret)',
  testament: 'Behandlings- eller livstestamente',
};

/**
 * The rules the service names when it refuses (422, 403), explained for the person at the form.
 * From domain-rules.md; the rule id itself is never shown.
 */
export const RULE_IN_DANISH: Record<string, string> = {
  'R1.4': 'Tidspunktet skal være noget, der er sket: højst 5 minutter frem i tiden og ikke før patientens fødsel.',
  'R2.2': 'Kun sundhedspersoner kan registrere her; pårørende kan aldrig træffe eller registrere et fravalg.',
  'R3.1': 'Kun den behandlingsansvarlige læge kan træffe denne beslutning.',
  'R3.3': 'Lægens beslutning kan kun ændres af en behandlingsansvarlig læge, og en tilbagetrukket beslutning kan ikke revideres igen.',
  'R3.4': 'Kun lægen kan fastholde en beslutning efter revurdering.',
  'R4.1': 'Patienter under 15 år kan ikke selv fravælge genoplivning; 15–17-årige kun, når lægen vurderer, at patienten forstår konsekvenserne.',
  'R4.2': 'Patientens eget fravalg kan kun registreres af lægen, efter at lægen har vurderet habiliteten.',
  'R4.3': 'Patientens fravalg hører til en aktuel sygdomssituation; almen alderdomssvækkelse alene er ikke nok.',
  'R4.4': 'Fravalget er allerede trukket tilbage og kan ikke revideres igen.',
  'R4.7': 'Patienten er registreret som varigt inhabil: kun lægen kan beslutte for en varigt inhabil patient.',
  'R5.1': 'Fravalgsregistret gælder kun borgere, der var fyldt 60 år på registreringsdagen, og registreringer fra 15. januar 2025, da registret åbnede.',
  'R5.4': 'Et registreret fravalg kan kun kaldes helt tilbage i registret; her registreres registrets nye svar.',
  'R5.5': 'Kun læge eller sygeplejerske kan erklære en registrering ugyldig, med vurderingen og indberetningen til Styrelsen for Patientsikkerhed.',
  'R5.6': 'Registret må kun slås op af en sundhedsperson.',
  'R6.1': 'Et testamente kan kun træde i kraft for en patient over 18 år; et livstestamente kun for en, der var fyldt 18 år før 1. januar 2019.',
  'R6.2': 'Et livstestamente omfatter ikke situationen med meget alvorlige og lidelsesfulde følger – det gør kun et behandlingstestamente.',
  'R6.3': 'Forbehold om de pårørendes accept kan kun tages i et behandlingstestamente og ikke for situationen »uafvendeligt døende«.',
  'R6.4': 'Patienten skal være habil for midlertidigt at tilbagekalde et testamente.',
  'R6.6': 'Opslaget i testamenteregistret dokumenteres af læge eller sygeplejerske.',
  'R6.7': 'Kun lægen kan trække et testamentes ikrafttræden tilbage.',
  'R7.1': 'Kun en mundtlig beslutning afventer skriftlig bekræftelse.',
  'R8.2': 'Journalføringen passer ikke: en revision kan ikke ligge før beslutningen, og en beslutning registreres kun én gang.',
  'R7.2a': 'Ambulancebehandlere kan kun registrere en indlæggelse.',
  'R7.3a': 'Stedregistret holdes af læger og sygeplejersker.',
  'R7.3b': 'Statusstrømmen er for sundhedspersoner (læge, sygeplejerske, ambulancebehandler).',
  'R7.6': 'Kun modtageren eller personale i den afsendende organisation kan registrere en kvittering.',
};

export function inDanish<K extends string>(words: Partial<Record<K, string>>, code: K | null | undefined, otherwise: string): string {
  return (code != null && words[code]) || otherwise;
}
