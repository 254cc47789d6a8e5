/** OAI-PMH 2.0 at `/oai` (GET and form POST, as §3.1.1 requires); browsers get the answer as a page. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import { negotiate } from '../kit/negotiate.js';
import { oaiPage } from './html/page.js';
import { type OaiOptions, OaiProvider } from './provider.js';

export interface OaiPluginOptions extends OaiOptions {
  /** Token check for reads when the server's reads are not public. */
  requireRead?: Guard;
}

/**
 * XML first: `*\/*`, `text/xml`, no Accept (harvesters) get the protocol's XML; HTML only when a client
 * prefers it over XML (a browser's `text/html,…,application/xml;q=0.9`).
 */
const OFFERED = ['text/xml', 'application/xml', 'text/html'];

export const oaiPlugin: FastifyPluginAsync<OaiPluginOptions> = async (app, options) => {
  const provider = new OaiProvider(options);
  const { requireRead } = options;
  // On request: a POSTed form is not read before the token is checked.
  guardEveryRoute(app, requireRead);
  const home = new URL(options.baseIri).pathname;
  const path = `${home}oai`;
  const answer = async (reply: FastifyReply, args: Record<string, unknown>, html: boolean) => {
    const xml = await provider.respond(args);
    if (!html) return reply.type('text/xml; charset=utf-8').send(xml);
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_CSP)
      .send(oaiPage(xml, home, path));
  };
  const wantsHtml = (req: FastifyRequest) => negotiate(req.headers.accept, OFFERED) === 'text/html';
  app.get(path, async (req, reply) => answer(reply.header('Vary', 'Accept'), req.query as Record<string, unknown>, wantsHtml(req)));
  app.post(path, async (req, reply) => answer(reply.header('Vary', 'Accept'), (req.body ?? {}) as Record<string, unknown>, wantsHtml(req)));
  // The XML whatever the Accept header: the pages link here, so a browser can open the document harvesters get.
  app.get(`${path}/xml`, async (req, reply) => answer(reply, req.query as Record<string, unknown>, false));
};
