/** The official MedCom test acknowledgements are understood. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acknowledgementFromBundle } from '@dnr/domain';
import { SHARED } from './support/shared';

const fixture = (name: string) => JSON.parse(readFileSync(join(SHARED, 'medcom/acknowledgement-fixtures', name), 'utf8'));

describe('MedCom acknowledgement fixtures', () => {
  it.each([
    ['ack_AA_A.json', 'ok', '42cb9200-f421-4d08-8391-7d51a2503cb4'],
    ['ack_AR_B.json', 'transient-error', '42cb9200-f421-4d08-8391-7d51a2503cb4'],
    ['ack_AE_C.json', 'fatal-error', '5b89a5d0-707a-4b42-8597-ef694e399006'],
  ])('%s ⇒ %s for %s', (file, outcome, messageId) =>
    expect(acknowledgementFromBundle(fixture(file))).toMatchObject({ outcome, messageId }));
});
