/** Patients for the HTTP benchmarks, registered and decided through the API itself. */
import { freshCpr, mintToken } from '../test/support/service';

export async function seedPatients(url: string, count: number): Promise<string[]> {
  const nurse = await mintToken('nurse');
  const physician = await mintToken('physician');
  const post = (path: string, token: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ patientId: string }>);
  const ids: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < count) {
      next += 1;
      const { patientId } = await post('/v1/patients', nurse, { cpr: freshCpr(), name: 'Karen Jensen' });
      await post(`/v1/patients/${patientId}/decisions`, physician, { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] });
      ids.push(patientId);
    }
  }));
  // A figure that says "fresh patients" must not measure a few patients many times over.
  if (new Set(ids).size !== ids.length) throw new Error(`seeded ${ids.length} patients but got ${new Set(ids).size} distinct ones`);
  return ids;
}
