/** The relay's one step per event must say exactly what the status feed's own definition says (R7.3b). */
import fc from 'fast-check';
import { arbHistory } from '../spec/arbitraries';
import { statusChangedBy } from '../status/status-change';
import { EMPTY_LEDGER, messagesOnEvent } from './messages-owed';

describe('R7.3b the projection step reports the status change as statusChangedBy defines it', () => {
  it('for every event of random histories', () =>
    fc.assert(fc.property(arbHistory, (events) => {
      let ledger = EMPTY_LEDGER;
      for (let i = 1; i <= events.length; i += 1) {
        const prefix = events.slice(0, i);
        const step = messagesOnEvent(ledger, prefix, 'p');
        expect(step.statusChange).toEqual(statusChangedBy(prefix, 'p'));
        ledger = step.ledger;
      }
    }), { numRuns: 200 }));
});
