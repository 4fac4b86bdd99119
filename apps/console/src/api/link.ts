/** The target of one relation in an HTTP `Link` header (`<…>; rel="next"`), as the service pages its lists; null when absent. */
export function linkTarget(link: string | null, rel: 'next' | 'last'): string | null {
  if (!link) return null;
  return new RegExp(`<([^>]*)>\\s*;\\s*rel="?${rel}"?`).exec(link)?.[1] ?? null;
}
