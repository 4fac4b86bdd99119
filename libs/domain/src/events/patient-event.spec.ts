import fc from 'fast-check';
import { arbHistory } from '../spec/arbitraries';
import { upcast } from './patient-event';

// What lets a command's own event be remembered without validating it twice (apps/api
// patient-histories.ts `appended`): validated once and stored as JSON, it reads back as exactly
// that JSON — the schema adds, drops and rewrites nothing of what it has already validated.
it('an event validated once reads back from its stored JSON unchanged', () => {
  fc.assert(fc.property(arbHistory, (history) => {
    for (const event of history) {
      const stored = JSON.parse(JSON.stringify(upcast(event)));
      expect(JSON.stringify(upcast(stored))).toBe(JSON.stringify(stored));
      expect(upcast(stored)).toEqual(stored);
    }
  }), { numRuns: 300 });
});
