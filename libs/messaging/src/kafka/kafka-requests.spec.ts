/** A round's envelopes go to Kafka in produce requests the broker accepts (its default record-batch limit is 1 MiB). */
import { OutboundEnvelope } from '../transport.port';
import { inRequests, MAX_REQUEST_BYTES } from './kafka-transport';

const envelope = (i: number, bytes: number): OutboundEnvelope => ({
  envelopeId: `e${i}`, messageId: `m${i}`, kind: 'korrespondancemeddelelse', schemaVersion: 1, patientId: 'p', recipientSor: '1', deliverToSor: '1', body: 'x'.repeat(bytes),
});

describe('produce requests under the broker limit', () => {
  it('100 replies of 26 kB: every envelope once, in order, no request over the limit', () => {
    const envelopes = Array.from({ length: 100 }, (_, i) => envelope(i, 26_000));
    const requests = inRequests(envelopes);
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.flat().map((e) => e.messageId)).toEqual(envelopes.map((e) => e.messageId));
    for (const r of requests) expect(r.reduce((n, e) => n + e.body.length, 0)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
  });

  it('small messages share one request; an envelope larger than the limit goes alone', () => {
    expect(inRequests([envelope(1, 100), envelope(2, 100)])).toHaveLength(1);
    expect(inRequests([envelope(1, 100), envelope(2, 2_000_000), envelope(3, 100)]).map((r) => r.map((e) => e.messageId))).toEqual([['m1'], ['m2'], ['m3']]);
    expect(inRequests([])).toEqual([]);
  });
});
