/**
 * R4.3a »Almen alderdomssvækkelse alene er ikke nok« (VEJ 9921/2024, undtagelse 4): a patient's
 * own refusal belongs to an illness situation, and frailty of old age is not one. Diagnosis codes
 * that are all DR54* (senility) say frailty alone; so does a description that names nothing else.
 */
import { IllnessSituation } from '../vocabulary/primitives';

const SENILITY = /^DR54/;

/** Words that describe general frailty, and the small words around them; a description of these alone names no illness. */
const FRAILTY_WORDS = new Set([
  'alderdomssvækkelse', 'alderssvækkelse', 'aldersvækkelse', 'almen', 'almindelig', 'generel', 'generelt', 'svækkelse', 'svækket',
  'alderdom', 'alder', 'høj', 'ælde', 'ældre', 'skrøbelighed', 'skrøbelig', 'senilitet', 'senil', 'marasmus', 'kraftesløshed',
  'og', 'af', 'pga', 'på', 'grund', 'grundet', 'følge', 'som', 'ved', 'i', 'med', 'tiltagende', 'udtalt', 'fremskreden',
]);

export function isFrailtyAlone(situation: IllnessSituation): boolean {
  if (situation.diagnoses && situation.diagnoses.length > 0) return situation.diagnoses.every((code) => SENILITY.test(code));
  const words = situation.description.toLowerCase().split(/[^a-zæøåé]+/u).filter(Boolean);
  return words.length > 0 && words.every((w) => FRAILTY_WORDS.has(w));
}
