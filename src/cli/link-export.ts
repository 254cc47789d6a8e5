/** `libkg link export <spec> --truth out.csv`: the accepted review decisions as the truth file `link eval --truth` reads. */
import { writeFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { truthCsv } from '../links/truth.js';
import { openStore } from './open-store.js';

export async function linkExport(config: Config, specId: string, out: string): Promise<number> {
  const store = await openStore(config);
  try {
    const decisions = store.linkDecisions.list(specId);
    const { csv, written, withoutId } = truthCsv(decisions);
    writeFileSync(out, csv);
    if (withoutId) console.error(`link export: ${withoutId} accepted pairs left out: their entities have no record id (dct:identifier)`);
    console.log(`${specId}: ${decisions.length} decisions, ${written} accepted pairs written to ${out}`);
    return 0;
  } finally {
    await store.close();
  }
}
