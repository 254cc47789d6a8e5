/** OAI-PMH 2.0 at `/oai` (GET and form POST, as §3.1.1 requires). */
import type { FastifyPluginAsync } from 'fastify';
import { type OaiOptions, OaiProvider } from './provider.js';

export type OaiPluginOptions = OaiOptions;

export const oaiPlugin: FastifyPluginAsync<OaiPluginOptions> = async (app, options) => {
  const provider = new OaiProvider(options);
  const path = `${new URL(options.baseIri).pathname}oai`;
  const handler = async (args: Record<string, unknown>) => provider.respond(args);
  app.get(path, async (req, reply) => {
    reply.type('text/xml; charset=utf-8');
    return handler(req.query as Record<string, unknown>);
  });
  app.post(path, async (req, reply) => {
    reply.type('text/xml; charset=utf-8');
    return handler((req.body ?? {}) as Record<string, unknown>);
  });
};
