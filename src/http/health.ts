import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../store/port.js';

/** Liveness and readiness: answered on the main thread without touching an engine. */
export const healthPlugin: FastifyPluginAsync<{ store: QuadStore }> = async (app, { store }) => {
  app.get('/health', async (_req, reply) => {
    const s = store.stats();
    const ready = s.engines.some((e) => e.state === 'ready');
    reply.status(ready ? 200 : 503);
    return {
      status: ready ? 'ok' : 'starting',
      store: { quads: s.quads, budget: s.budget, budgetUsed: s.budget ? s.quads / s.budget : 0, graphs: s.graphs, lastSeq: s.lastSeq },
      engines: s.engines,
      // Graphs the engines could not load (an old data dir may hold one): served without them; `libkg repair` removes them.
      quarantined: { count: s.quarantined?.length ?? 0, graphs: s.quarantined ?? [] },
      uptimeSeconds: Math.round(process.uptime()),
    };
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
};
