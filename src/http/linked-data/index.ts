import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { QuadStore } from '../../store/port.js';
import { apiPlugin } from '../api/routes.js';
import { Dumps } from '../dumps/dumps.js';
import { dumpsPlugin } from '../dumps/routes.js';
import { vocabulary } from '../kit/vocabulary.js';
import { ontologyDocsPlugin } from '../ontology-docs/routes.js';
import { sitemapPlugin } from '../sitemap/index.js';
import { voidPlugin } from '../void/routes.js';
import { linkedDataPlugin } from './routes.js';

export interface PublishingOptions {
  store: QuadStore;
  config: Config;
  /** Set when reads need a token (`publicReads: false`); CORS preflights stay open. */
  requireRead?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Sitemap URLs per file (tests lower it to see the index). */
  sitemapMaxUrls?: number;
}

/** The dataset's licence, as announced in VoID. */
export const DATA_LICENSE = 'https://creativecommons.org/publicdomain/zero/1.0/';

/**
 * Linked data publishing (issue 6): dereferenceable entities, the JSON-LD
 * API, VoID, dumps, the sitemap and the ontology. CORS is registered once
 * for the whole app (src/app.ts).
 */
export const publishingPlugin: FastifyPluginAsync<PublishingOptions> = async (app, { store, config, requireRead, sitemapMaxUrls }) => {
  if (requireRead) app.addHook('preHandler', async (req, reply) => (req.method === 'OPTIONS' ? undefined : requireRead(req, reply)));
  const vocab = vocabulary();
  const basePath = new URL(config.baseIri).pathname;
  const dumps = new Dumps(store, config.dataDir, config.baseIri);
  app.addHook('onClose', () => dumps.idle());
  await app.register(linkedDataPlugin, { store, baseIri: config.baseIri, vocab: vocab.index });
  await app.register(apiPlugin, { store, baseIri: config.baseIri });
  await app.register(voidPlugin, { store, dumps, baseIri: config.baseIri, vocab: vocab.index, license: DATA_LICENSE });
  await app.register(dumpsPlugin, { dumps, basePath });
  await app.register(sitemapPlugin, { store, baseIri: config.baseIri, maxUrls: sitemapMaxUrls });
  await app.register(ontologyDocsPlugin, { vocabulary: vocab, baseIri: config.baseIri });
};
