import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config.js';
import type { QuadStore } from '../../store/port.js';
import { vocabulary } from '../ontology-docs/load.js';
import { linkedDataPlugin } from './routes.js';

export interface PublishingOptions {
  store: QuadStore;
  config: Config;
}

/**
 * Linked data publishing (issue 6): dereferenceable entities and the
 * surfaces that describe the dataset. CORS is open for reads on all of them.
 */
export const publishingPlugin: FastifyPluginAsync<PublishingOptions> = async (app, { store, config }) => {
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'], maxAge: 86_400 });
  const vocab = vocabulary();
  await app.register(linkedDataPlugin, { store, baseIri: config.baseIri, vocab: vocab.index });
};
