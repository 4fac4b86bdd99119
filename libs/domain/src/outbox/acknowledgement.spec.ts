import { acknowledgementFromBundle } from './acknowledgement';

const ack = (code: string, identifier = '42cb9200-f421-4d08-8391-7d51a2503cb4') => ({
  resourceType: 'Bundle', type: 'message', timestamp: '2024-05-01T12:05:00+02:00',
  entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: 'acknowledgement-message' }, response: { identifier, code } } }],
});

describe('MedCom acknowledgements', () => {
  it.each(['ok', 'transient-error', 'fatal-error'])('reads %s', (code) =>
    expect(acknowledgementFromBundle(ack(code))).toMatchObject({ messageId: '42cb9200-f421-4d08-8391-7d51a2503cb4', outcome: code }));

  it('ignores anything that is not an acknowledgement', () => {
    expect(acknowledgementFromBundle(ack('maybe'))).toBeNull();
    expect(acknowledgementFromBundle({ resourceType: 'Bundle', entry: [] })).toBeNull();
    expect(acknowledgementFromBundle('junk')).toBeNull();
  });
});
