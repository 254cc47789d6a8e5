import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../../store/port.js';

/**
 * Liveness and readiness: answered on the main thread without touching an engine.
 * `ok` only while every engine the pool keeps is ready; `degraded` (still 200:
 * queries are answered) while one is retired or rebuilding; 503 when none answers.
 */
export const healthPlugin: FastifyPluginAsync<{ store: QuadStore }> = async (app, { store }) => {
  app.get('/health', async (_req, reply) => {
    const s = store.stats();
    const ready = s.engines.filter((e) => e.state === 'ready').length;
    const expected = s.enginePool?.size ?? s.engines.length;
    const status = ready === 0 ? (s.enginePool?.restarts ? 'unavailable' : 'starting') : ready < expected || ready < s.engines.length ? 'degraded' : 'ok';
    reply.status(ready ? 200 : 503);
    return {
      status,
      store: { quads: s.quads, budget: s.budget, budgetUsed: s.budget ? s.quads / s.budget : 0, graphs: s.graphs, lastSeq: s.lastSeq },
      engines: s.engines,
      ...(s.enginePool ? { enginePool: s.enginePool } : {}),
      // Graphs the engines could not load (an old data dir may hold one): served without them; `libkg repair` removes them.
      quarantined: { count: s.quarantined?.length ?? 0, graphs: s.quarantined ?? [] },
      uptimeSeconds: Math.round(process.uptime()),
    };
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
};
