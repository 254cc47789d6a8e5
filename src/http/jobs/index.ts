import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { importPaths } from '../../ingest/pipeline.js';
import { createIngest } from '../../ingest/setup.js';
import { linkSubjects } from '../../ingest/subjects.js';
import type { JobQueue } from '../../jobs/jobs.js';
import { own } from '../../own.js';
import type { QuadStore } from '../../store/port.js';

export interface JobsOptions {
  store: QuadStore;
  jobs: JobQueue;
  dataDir: string;
  baseIri: string;
  requireWrite: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** File extensions for uploads that name no file, by media type, so format detection works. */
const EXTENSIONS: Record<string, string> = {
  'text/turtle': '.ttl',
  'application/trig': '.trig',
  'application/n-triples': '.nt',
  'application/n-quads': '.nq',
  'application/ld+json': '.jsonld',
  'application/rdf+xml': '.rdf',
  'application/marc': '.mrc',
  'application/marcxml+xml': '.xml',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'application/json': '.json',
  'text/csv': '.csv',
  'application/x-ndjson': '.ndjson',
};

/**
 * HTTP import: POST a file to /import (bearer token), get a job (202 + Location)
 * whose progress and summary are at /jobs/{id}.
 */
export const jobsPlugin: FastifyPluginAsync<JobsOptions> = async (app, { store, jobs, dataDir, baseIri, requireWrite }) => {
  // Uploads are taken as bytes whatever their type (this plugin's scope only).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  let ingest: ReturnType<typeof createIngest> | undefined;
  const uploads = join(dataDir, 'uploads');

  // The token is checked on request, before the upload is read.
  app.post('/import', { onRequest: requireWrite }, async (req, reply) => {
    const q = req.query as { filename?: string; format?: string; strict?: string };
    const body = req.body as Buffer | undefined;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new LibkgError('BAD_REQUEST', 'POST the file to import as the request body');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const name = basename(q.filename ?? `upload${own(EXTENSIONS, type) ?? ''}`).replace(/[^\w.-]/g, '_') || 'upload';
    mkdirSync(uploads, { recursive: true });
    ingest ??= createIngest({ baseIri });
    const job = jobs.submit('import', { filename: name, format: q.format, bytes: body.length }, 'bytes', async (progress) => {
      // The upload is written under its own job folder so the file name (format detection) is kept.
      const dir = join(uploads, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dir);
      const file = join(dir, name);
      writeFileSync(file, body);
      try {
        const summary = await importPaths(store, [file], {
          baseIri,
          format: q.format,
          ...(await ingest),
          onProgress: (p) => progress({ done: p.bytes, total: p.totalBytes, message: `${p.records} records` }),
        });
        for (const r of summary.rejections) r.file = name;
        const subjectLinks = summary.written ? await linkSubjects(store, { baseIri }) : undefined;
        progress({ done: body.length, total: body.length });
        if (q.strict === 'true' && summary.rejected)
          throw Object.assign(new Error(`${summary.rejected} record(s) rejected`), { code: 'RECORD_REJECTED', summary });
        return { ...summary, subjectLinks };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    reply.status(202).header('Location', `/jobs/${job.id}`);
    return job;
  });

  app.get('/jobs', async () => ({ jobs: jobs.list() }));
  app.get('/jobs/:id', async (req) => {
    const job = jobs.get((req.params as { id: string }).id);
    if (!job) throw new LibkgError('NOT_FOUND', `no job ${(req.params as { id: string }).id}`);
    return job;
  });
};
