/** A receipt given by phone: the sending organisation's staff record it (api.md; R7.6: a reply, not silence). */
import { useState } from 'preact/hooks';
import type { Api } from '../api/client';
import type { OutboxView } from '../api/types';
import { problemInDanish } from '../words/problems';

export function PhoneReceipt({ api, message, onRecorded }: { api: Api; message: OutboxView; onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `receipt-${message.messageId}`;

  const record = async (event: Event) => {
    event.preventDefault();
    const answer = await api.post(`/v1/outbox/${message.messageId}/acknowledgements`, {
      outcome: 'ok', at: new Date().toISOString(), detail: detail.trim() ? `Kvitteret pr. telefon: ${detail.trim()}` : 'Kvitteret pr. telefon',
    });
    if (!answer.ok) return setError(problemInDanish(answer.problem));
    onRecorded();
  };

  if (!open) return <button type="button" onClick={() => setOpen(true)}>Registrér kvittering givet pr. telefon</button>;
  return (
    <form class="phone-receipt" method="post" onSubmit={record}>
      <label for={`${id}-detail`}>Hvem bekræftede modtagelsen? (valgfrit)</label>
      <input id={`${id}-detail`} type="text" maxLength={500} value={detail} onInput={(e) => setDetail((e.target as HTMLInputElement).value)} />
      <button type="submit" class="primary">Modtagelsen er bekræftet pr. telefon</button>
      {error && <p class="form-error" role="alert">{error}</p>}
    </form>
  );
}
