/**
 * An organisation as people know it: its name from the sites directory (GET /v1/sites/{sor}), once
 * per SOR id per page load; a SOR id the directory does not know is shown as such.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Site } from '@dnr/domain';
import type { Api } from '../api/client';

const known = new Map<string, Promise<string | null>>();

export function siteName(api: Api, sor: string): Promise<string | null> {
  let name = known.get(sor);
  if (!name) {
    name = /^\d{1,20}$/.test(sor) ? api.get<Site>(`/v1/sites/${sor}`).then((a) => (a.ok ? a.body.name : null)) : Promise.resolve(null);
    known.set(sor, name);
  }
  return name;
}

export function OrgName({ api, sor }: { api: Api; sor: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void siteName(api, sor).then((n) => current && setName(n));
    return () => { current = false; };
  }, [api, sor]);
  return <span>{name ?? `organisation med SOR-id ${sor}`}</span>;
}
