import { openStore } from '../store/open-store.ts';
import { selectorsSeen } from '../store/summary-queries.ts';

/**
 * The DKIM selectors receivers saw signing mail of `domain` (d= exactly the domain) in the DMARC
 * aggregate reports of a store, most used first: these are the selectors `mxray check` must probe,
 * whatever the provider's usual layout.
 */
export async function reportedSelectors(dbUrl: string, domain: string): Promise<string[]> {
  const store = await openStore(dbUrl);
  try {
    const rows = await selectorsSeen(store.db, domain);
    return rows
      .filter((r) => r.domain.toLowerCase() === domain)
      .map((r) => r.selector.toLowerCase());
  } finally {
    await store.close();
  }
}
