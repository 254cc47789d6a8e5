import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { notModified } from '../kit/conditional.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import { negotiate } from '../kit/negotiate.js';
import type { Dumps } from './dumps.js';
import { dumpsPage } from './page.js';

/**
 * `/dumps/`: the manifest (names, sizes, sha256) and the files themselves,
 * built on first request after the change log moved, then streamed from disk.
 */
export const dumpsPlugin: FastifyPluginAsync<{ dumps: Dumps; basePath: string; requireRead?: Guard }> = async (app, { dumps, basePath, requireRead }) => {
  guardEveryRoute(app, requireRead);
  app.get(`${basePath}dumps/`, async (req, reply) => {
    const m = await dumps.ensure();
    reply.header('Cache-Control', 'no-cache').header('Vary', 'Accept');
    // Browsers (text/html first) get a page; `*/*` and JSON clients keep the manifest.
    if (negotiate(req.headers.accept, ['application/json', 'text/html']) === 'text/html')
      return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', PAGE_CSP).send(dumpsPage(m, basePath));
    return { seq: m.seq, generatedAt: m.generatedAt, files: m.files.map((f) => ({ ...f, url: `${basePath}dumps/${f.name}` })) };
  });

  app.get<{ Params: { name: string } }>(`${basePath}dumps/:name`, async (req, reply) => {
    const m = await dumps.ensure();
    const file = m.files.find((f) => f.name === req.params.name);
    const path = file && dumps.pathOf(m, file.name);
    if (!file || !path) throw new LibkgError('NOT_FOUND', `no dump named ${req.params.name}; see ${basePath}dumps/`);
    const etag = `"${file.sha256}"`;
    const lastModified = new Date(m.generatedAt);
    reply
      .header('ETag', etag)
      .header('Last-Modified', lastModified.toUTCString())
      .header('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
      .header('Cache-Control', 'no-cache');
    if (notModified(req, etag, lastModified)) return reply.code(304).send();
    return reply
      .type('application/gzip')
      .header('Content-Length', file.bytes)
      .header('Content-Disposition', `attachment; filename="${file.name}"`)
      .send(createReadStream(path));
  });
};
