import type { QuadStore } from '../store/port.js';
import { runLinkSpec } from './run.js';
import { loadLinkSpec } from './spec-file.js';

/** The shipped specs the demo load runs, so that `npm start` shows one joined graph, not islands. */
export const DEMO_LINK_SPECS = ['persons', 'works'];

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs the demo's link specs one after the other; one that fails is logged and the others still run. */
export async function linkDemo(store: QuadStore, baseIri: string, log: Log, timeoutMs?: number): Promise<void> {
  for (const id of DEMO_LINK_SPECS) {
    try {
      const { spec, file } = loadLinkSpec(id);
      const r = await runLinkSpec(store, spec, { baseIri, origin: file, timeoutMs });
      log.info({ spec: id, accepted: r.accepted, review: r.review, compared: r.result.stats.compared, seconds: r.seconds }, `linked the demo data with ${id}`);
    } catch (e) {
      log.error({ spec: id, err: (e as Error).message }, `link spec ${id} failed on the demo data`);
    }
  }
}
