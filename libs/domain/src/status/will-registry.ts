/**
 * What a look-up of the will registry says about a will (R6.6): whether it shows that will —
 * found, of that kind, covering that situation (a look-up that names no situations does not
 * disagree) — and whether it shows it conditional on the relatives' acceptance (R6.3).
 */
import { TestamentActivatedData, WillRegistryLookedUpData } from '../events/event-data';
import { EventOf } from '../events/patient-event';

type Lookup = EventOf<'WillRegistryLookedUp'>;

export type WillFacts = Pick<TestamentActivatedData, 'kind' | 'situation'>;

export function registryShows(lookup: WillRegistryLookedUpData, will: WillFacts): boolean {
  const { result, kind, situations } = lookup;
  return result === 'found' && kind === will.kind && (situations === undefined || situations.includes(will.situation));
}

/** R6.3: the registry shows the will conditional on the relatives — in a situation that can be (not the irreversibly dying). */
export function registryShowsConditional(lookup: WillRegistryLookedUpData, will: WillFacts): boolean {
  return registryShows(lookup, will) && lookup.conditionalOnRelatives === true && will.situation !== 'irreversibly_dying';
}

/** R6.6 + pkt. 2: among the latest look-ups (several when stated at the same time), one that does not show the will; undefined when all show it. */
export function lookupNotShowing(lookups: readonly Lookup[], will: WillFacts): Lookup | undefined {
  return lookups.find((l) => !registryShows(l.data, will));
}

/** Whether the latest look-ups, stated at the same time, answer differently about the will. */
export function lookupsDisagree(lookups: readonly Lookup[], will: WillFacts): boolean {
  return lookups.length > 1 && lookupNotShowing(lookups, will) !== undefined && lookups.some((l) => registryShows(l.data, will));
}

/** The look-up the status shows: the latest; of several at the same time, one that found no will when one did (it is the one that decides). */
export function shownLookup(lookups: readonly Lookup[]): Lookup | null {
  return lookups.find((l) => l.data.result === 'not_found') ?? lookups[lookups.length - 1] ?? null;
}
