/**
 * The epikrise and udskrivningsrapport as sections for the discharging EHR (handover-messages.md
 * "Who receives them", 2026-11-22). MedCom has these letters only as OIOXML — XDIS01 epikrise,
 * XDIS18 udskrivningsrapport — and only the discharging hospital's EHR can write them (it has the
 * admission, the diagnoses and the signing physician). So this service hands that EHR a section:
 * delivered to the SENDING site (`deliverTo`), while `recipient` stays the letter's addressee — the
 * GP for the epikrise, the receiving site for the udskrivningsrapport. The EHR's receipt `ok`
 * (sent once the letter carrying the section has gone out; `detail` may hold the letter's id)
 * acknowledges it; without one the usual resends and escalation apply, so someone checks that the
 * letter went out. The addressee counts as told (R7.5).
 *
 * Where each field goes in the letter (`letter.placement` says the same to the EHR):
 *
 * XDIS01 epikrise (to the GP, R7.3)
 * - `letter.textBlock`, `text`, `resuscitation` → "Kliniske oplysninger" (the epikrise's resumé):
 *   the status, whose decision it is and how it may change, who decided and when, the grounds,
 *   and what must be done (flags), in clinical Danish.
 * - `followUp: "green"` → the letter's follow-up marking: »grøn epikrise«, follow-up by the GP
 *   recommended (R7.3; Region Nordjylland's guideline).
 * - `futureArrangements` → "Fremtidige aftaler": the decision and how it may change.
 *
 * XDIS18 udskrivningsrapport (to the receiving care site, R7.3)
 * - `futureArrangements`, `letter.textBlock`, `resuscitation` → "Fremtidige aftaler": the
 *   decision as it must be followed after discharge.
 * - `phoneContactRequired` → "Kontakt": an out-of-hours discharge, when the report cannot be
 *   expected to be read at once — the discharging ward must phone the receiving staff (R7.3); the
 *   message also stays on the escalation worklist (PHONE_CONTACT_REQUIRED) until acknowledged.
 */
import { HandoverMessage } from './handover-message';

export type LetterStandard = 'XDIS01' | 'XDIS18';

/** What the discharging EHR needs to put the section into its letter. */
export interface LetterSection {
  /** The MedCom OIOXML letter this section belongs in. */
  standard: LetterStandard;
  /** The letter's name, as the EHR shows it. */
  title: 'Epikrise' | 'Udskrivningsrapport';
  /** The ready Danish text block to paste into the letter. */
  textBlock: string;
  /** For each field of this document: the section of the letter it goes in. */
  placement: Record<string, string>;
}

const CLINICAL = 'Kliniske oplysninger (epikrisens resumé)';
const FUTURE = 'Fremtidige aftaler';

/** What makes a message a section for the discharging EHR: where it goes, the letter's text and placement (added to the message once, not copied onto it). */
export type LetterSectionFields = Pick<HandoverMessage, 'deliverTo' | 'followUp' | 'phoneContactRequired' | 'futureArrangements' | 'letter'>;

export function letterSectionOf(m: Pick<HandoverMessage, 'kind' | 'sender' | 'text' | 'resuscitation'>, outOfHours: boolean): LetterSectionFields {
  const futureArrangements = `${m.resuscitation.statement}. ${m.resuscitation.howItMayChange}`;
  if (m.kind === 'epikrise') {
    return {
      deliverTo: m.sender, followUp: 'green', futureArrangements,
      letter: {
        standard: 'XDIS01', title: 'Epikrise',
        textBlock: `${m.text}\nOpfølgning hos egen læge anbefales (grøn epikrise).`,
        placement: { textBlock: CLINICAL, text: CLINICAL, resuscitation: CLINICAL, followUp: 'Opfølgning: grøn epikrise, opfølgning anbefales', futureArrangements: FUTURE },
      },
    };
  }
  const contact = outOfHours
    ? 'Patienten udskrives uden for dagtid. Det modtagende personale skal kontaktes telefonisk om beslutningen om genoplivning.'
    : '';
  return {
    deliverTo: m.sender, phoneContactRequired: outOfHours, futureArrangements,
    letter: {
      standard: 'XDIS18', title: 'Udskrivningsrapport',
      textBlock: [m.text, contact].filter(Boolean).join('\n'),
      placement: { textBlock: FUTURE, futureArrangements: FUTURE, resuscitation: FUTURE, phoneContactRequired: 'Kontakt: udskrivelse uden for dagtid, ring til det modtagende personale' },
    },
  };
}
