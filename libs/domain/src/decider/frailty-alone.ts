/**
 * R4.3a »Almen alderdomssvækkelse alene er ikke nok« (VEJ 9921/2024, undtagelse 4): a patient's
 * own refusal belongs to an illness situation, and frailty of old age is not one. Diagnosis codes
 * that are all DR54* (senility) say frailty alone; so does a description that names nothing else.
 */
import { IllnessSituation } from '../vocabulary/primitives';

const SENILITY = /^DR54/;

/**
 * Words that name no illness: general frailty, who the patient is and where she lives (»94-årig
 * kvinde«, »plejehjemsbeboer« — how clinicians open a description), and the small words around
 * them. A description of these alone names no illness; any other word may, and lets it through.
 */
const FRAILTY_WORDS = new Set([
  'alderdomssvækkelse', 'alderssvækkelse', 'aldersvækkelse', 'almen', 'almindelig', 'generel', 'generelt', 'svækkelse', 'svækket',
  'alderdom', 'alder', 'høj', 'ælde', 'ældre', 'skrøbelighed', 'skrøbelig', 'senilitet', 'senil', 'marasmus', 'kraftesløshed',
]);
const WHO_AND_WHERE = new Set([
  'år', 'årig', 'årige', 'gammel', 'gamle', 'kvinde', 'mand', 'dame', 'herre', 'patient', 'patienten', 'borger', 'borgeren', 'enlig',
  'plejehjemsbeboer', 'plejehjem', 'plejehjemmet', 'plejecenter', 'plejebolig', 'beboer', 'hjemmeboende', 'bor', 'eget', 'hjem', 'alene',
]);
const SMALL_WORDS = new Set([
  'og', 'af', 'pga', 'på', 'grund', 'grundet', 'følge', 'som', 'ved', 'i', 'med', 'tiltagende', 'udtalt', 'fremskreden',
]);
const namesNoIllness = (w: string) => FRAILTY_WORDS.has(w) || WHO_AND_WHERE.has(w) || SMALL_WORDS.has(w);

export function isFrailtyAlone(situation: IllnessSituation): boolean {
  if (situation.diagnoses && situation.diagnoses.length > 0) return situation.diagnoses.every((code) => SENILITY.test(code));
  const words = situation.description.toLowerCase().split(/[^a-zæøåé]+/u).filter(Boolean);
  return words.length > 0 && words.every(namesNoIllness);
}
