/** OAI-PMH 2.0 at `/oai` (GET and form POST, as §3.1.1 requires). */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { OAI_STYLESHEET, type OaiOptions, OaiProvider } from './provider.js';

// src/http/oai/ and dist/http/oai/ are both three levels below the package root.
const XSL = new URL(`../../../src/http/assets/${OAI_STYLESHEET}`, import.meta.url);

export interface OaiPluginOptions extends OaiOptions {
  /** Token check for reads when the server's reads are not public. */
  requireRead?: Guard;
}

export const oaiPlugin: FastifyPluginAsync<OaiPluginOptions> = async (app, options) => {
  const provider = new OaiProvider(options);
  const { requireRead } = options;
  // On request: a POSTed form is not read before the token is checked.
  guardEveryRoute(app, requireRead);
  const path = `${new URL(options.baseIri).pathname}oai`;
  const xsl = readFileSync(XSL);
  // The XSLT that shows responses in a browser (<?xml-stylesheet?> in every response).
  app.get(`${path}/${OAI_STYLESHEET}`, async (_req, reply) => reply.type('text/xsl; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(xsl));
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
