/**
 * What a look-up of the will registry says about a will (R6.6): whether it shows that will —
 * found, of that kind, covering that situation (a look-up that names no situations does not
 * disagree) — and whether it shows it conditional on the relatives' acceptance (R6.3).
 */
import { TestamentActivatedData, WillRegistryLookedUpData } from '../events/event-data';

export type WillFacts = Pick<TestamentActivatedData, 'kind' | 'situation'>;

export function registryShows(lookup: WillRegistryLookedUpData, will: WillFacts): boolean {
  const { result, kind, situations } = lookup;
  return result === 'found' && kind === will.kind && (situations === undefined || situations.includes(will.situation));
}

/** R6.3: the registry shows the will conditional on the relatives — in a situation that can be (not the irreversibly dying). */
export function registryShowsConditional(lookup: WillRegistryLookedUpData, will: WillFacts): boolean {
  return registryShows(lookup, will) && lookup.conditionalOnRelatives === true && will.situation !== 'irreversibly_dying';
}
