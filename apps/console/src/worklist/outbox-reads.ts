/**
 * What the worklist reads of the organisation's outbox (GET /v1/outbox: scoped by the service,
 * newest first, paged by `Link: <…>; rel="next"`). The newest page alone is not enough: a message
 * someone must phone about can be older than any number of newer ones, so the states that need
 * someone (escalated, failed) are read on their own, page after page, up to a bound.
 */
import type { Answer, Api, Problem } from '../api/client';
import type { OutboxView } from '../api/types';
import { linkTarget } from '../api/link';

/** The newest messages, shown and counted by state. */
export const NEWEST = 200;
/**
 * At most this many of one state. Thousands escalated at once is a backlog no list on screen
 * helps with, and each page is a read of patients' names: the screen says so instead.
 */
export const MOST_OF_A_STATE = 2000;
/** Messages asked for per page; the service may give fewer (a page holds about a mebibyte). */
const PAGE = 500;
/** A bound on requests however small the service's pages are. */
const MOST_PAGES = 40;

export interface Read {
  /** Newest first, as the service answers. */
  messages: OutboxView[];
  /** The service has more than were read. */
  more: boolean;
}

export type ReadAnswer = { ok: true; read: Read } | { ok: false; problem: Problem };

/** The newest page: `more` when the service says there is a next page. */
export async function readNewest(api: Api, n = NEWEST): Promise<ReadAnswer> {
  const answer = await api.get<OutboxView[]>(`/v1/outbox?limit=${n}`);
  if (!answer.ok) return { ok: false, problem: answer.problem };
  return { ok: true, read: { messages: answer.body, more: nextPage(answer.headers.get('link')) !== null } };
}

/**
 * Every message in one state, up to `most`. The last page asks for one more than is left to show,
 * so `more` says there are more, not that there may be.
 */
export async function readState(api: Api, state: OutboxView['state'], most = MOST_OF_A_STATE): Promise<ReadAnswer> {
  const messages: OutboxView[] = [];
  let path: string | null = `/v1/outbox?state=${state}&limit=${Math.min(PAGE, most + 1)}`;
  for (let page = 0; path !== null; page++) {
    if (page === MOST_PAGES) return { ok: true, read: { messages, more: true } };
    const answer: Answer<OutboxView[]> = await api.get<OutboxView[]>(path);
    if (!answer.ok) return { ok: false, problem: answer.problem };
    messages.push(...answer.body);
    if (messages.length > most) return { ok: true, read: { messages: messages.slice(0, most), more: true } };
    path = withLimit(nextPage(answer.headers.get('link')), Math.min(PAGE, most + 1 - messages.length));
  }
  return { ok: true, read: { messages, more: false } };
}

/** The next page's address from a Link header — only one of the outbox's own (the same origin, /v1/outbox). */
export function nextPage(link: string | null): string | null {
  const target = linkTarget(link, 'next');
  if (!target) return null;
  const url = new URL(target, location.origin);
  return url.origin === location.origin && url.pathname === '/v1/outbox' ? `${url.pathname}${url.search}` : null;
}

function withLimit(path: string | null, limit: number): string | null {
  if (path === null) return null;
  const url = new URL(path, location.origin);
  url.searchParams.set('limit', String(limit));
  return `${url.pathname}${url.search}`;
}
