/**
 * The words a clinician reads, in the guidance's own Danish (VEJ nr. 9921 af 31/10/2024).
 * Structured fields keep their codes; every text for people is built from these.
 */
import { CalendarDate, Instant, parseDate, wallTimeAt } from '../time/danish-time';
import { remembered } from '../time/remembered';
import { PhysicianGround, Role, Sector, TestamentKind } from './primitives';

export const GUIDANCE = 'VEJ nr. 9921 af 31/10/2024';

/** »jf. VEJ nr. 9921 af 31/10/2024, undtagelse 3« — the source cited instead of a rule id. */
export const citeGuidance = (where: string): string => `jf. ${GUIDANCE}, ${where}`;

export const ROLE_IN_DANISH: Record<Role, string> = {
  physician: 'læge',
  nurse: 'sygeplejerske',
  paramedic: 'ambulancebehandler',
  care_worker: 'sundhedsmedarbejder under en autoriseret sundhedsperson',
};

export const SECTOR_IN_DANISH: Record<Sector, string> = {
  hospital: 'hospital',
  municipality: 'kommune',
  general_practice: 'almen praksis',
  prehospital: 'præhospital',
};

/** The physician's grounds (undtagelse 3, a–c) in the guidance's words. */
export const GROUND_IN_DANISH: Record<PhysicianGround, string> = {
  irreversibly_dying: 'Patienten er uafvendeligt døende',
  severe_disability: 'Patienten er svært invalideret i en sådan grad, at patienten varigt er ude af stand til at tage vare på sig selv fysisk og mentalt, og er afskåret fra enhver form for meningsfuld menneskelig kontakt',
  severe_suffering: 'Genoplivning kan måske føre til overlevelse, men de fysiske konsekvenser af sygdommen eller behandlingen vurderes at være meget alvorlige og lidelsesfulde for patienten',
};

/** The situations a treatment will covers (undtagelse 6, §7 f). */
export const WILL_SITUATION_IN_DANISH: Record<PhysicianGround, string> = {
  irreversibly_dying: 'patienten er uafvendeligt døende',
  severe_disability: 'sygdom, alderdomssvækkelse, ulykke, hjertestop el.lign. har medført så svær invaliditet, at patienten varigt er ude af stand til at tage vare på sig selv fysisk og mentalt',
  severe_suffering: 'behandlingen kan føre til overlevelse, men de fysiske konsekvenser af sygdommen eller behandlingen vurderes at være meget alvorlige og lidelsesfulde',
};

export const TESTAMENT_IN_DANISH: Record<TestamentKind, string> = {
  behandlingstestamente: 'behandlingstestamente',
  livstestamente: 'livstestamente',
};

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** »1. marts 2026« for a calendar date. */
export function danishDate(date: CalendarDate): string {
  const { year, month, day } = parseDate(date);
  return `${day}. ${MONTHS[month - 1]} ${year}`;
}

/** »1. marts 2026 kl. 10.00« in Danish time for an instant. */
export const danishDateTime = remembered(renderDanishDateTime);

function renderDanishDateTime(instant: Instant): string {
  const w = wallTimeAt(instant);
  const hh = String(w.hour).padStart(2, '0');
  const mm = String(w.minute).padStart(2, '0');
  return `${w.day}. ${MONTHS[w.month - 1]} ${w.year} kl. ${hh}.${mm}`;
}
