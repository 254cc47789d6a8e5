import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { runImportOffThread } from '../../jobs/import-offthread.js';
import type { JobQueue, JobWork } from '../../jobs/jobs.js';
import { linkJobWork, submitLinkJob } from '../../jobs/link-job.js';
import { listLinkSpecs } from '../../links/spec-file.js';
import { own } from '../../own.js';
import { extensionOf, RDF_INPUT_TYPES } from '../../rdf/media-types.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardRoute } from '../kit/access.js';

export interface JobsOptions {
  store: QuadStore;
  jobs: JobQueue;
  dataDir: string;
  baseIri: string;
  /** Per query of a link job's selection. */
  queryTimeoutMs?: number;
  /** Import limits (LIBKG_IMPORT_MAX_INFLATED, LIBKG_IMPORT_MAX_TOKEN). */
  limits: { maxInflatedBytes: number; maxTokenBytes: number };
  requireWrite: Guard;
  /** Set when reads need a token (LIBKG_PUBLIC_READS=false): job lists quote file names and rejected records. */
  requireRead?: Guard;
}

/**
 * File extensions for uploads that name no file, by media type, so format detection works: the
 * RDF ones from the registry, then the catalogue and usage formats (XML and JSON uploads are records, not RDF).
 */
const EXTENSIONS: Record<string, string> = {
  ...Object.fromEntries(RDF_INPUT_TYPES.map((t) => [t, `.${extensionOf(t)}`])),
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
 * whose progress and summary are at /jobs/{id}; DELETE /jobs/{id} cancels it. POST /jobs starts a
 * link discovery job the same way.
 */
export const jobsPlugin: FastifyPluginAsync<JobsOptions> = async (
  app,
  { store, jobs, dataDir, baseIri, queryTimeoutMs, limits, requireWrite, requireRead },
) => {
  // Uploads are taken as bytes whatever their type (this plugin's scope only).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const uploads = join(dataDir, 'uploads');
  const importWork = (r: { dir: string; file: string; name: string; format?: string; strict: boolean }): JobWork => {
    // Kept with a queued job, read back at a start: only ever a folder of this data dir's uploads.
    if (dirname(resolve(r.dir)) !== resolve(uploads) || dirname(resolve(r.file)) !== resolve(r.dir)) {
      throw new LibkgError('INTERNAL', `a queued import names a file outside ${uploads}`);
    }
    const input = { file: r.file, name: r.name, format: r.format, strict: r.strict, baseIri, ...limits };
    return {
      run: (progress, signal) => runImportOffThread(store, input, progress, signal),
      onEnd: () => rmSync(r.dir, { recursive: true, force: true }),
    };
  };
  // Queued jobs outlive a restart: what they need is kept with them (an upload's path; a spec id).
  jobs.define('import', (r) => importWork(r as Parameters<typeof importWork>[0]));
  jobs.define('link', (r) => linkJobWork(String(r.spec), { store, baseIri, timeoutMs: queryTimeoutMs, full: r.full === true }));
  // No job runs yet: an upload no queued job waits for was left by a server killed during its import.
  const kept = new Set(jobs.pending().map(({ resume }) => (typeof resume?.dir === 'string' ? basename(resume.dir) : '')));
  for (const name of existsSync(uploads) ? readdirSync(uploads) : []) {
    if (!kept.has(name)) rmSync(join(uploads, name), { recursive: true, force: true });
  }
  app.addHook('onReady', async () => jobs.resume());

  // The token is checked on request, before the upload is read.
  app.post('/import', guardRoute(requireWrite), async (req, reply) => {
    const q = req.query as { filename?: string; format?: string; strict?: string };
    const body = req.body as Buffer | undefined;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new LibkgError('BAD_REQUEST', 'POST the file to import as the request body');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const name = basename(q.filename ?? `upload${own(EXTENSIONS, type) ?? ''}`).replace(/[^\w.-]/g, '_') || 'upload';
    // The upload goes to disk at once (a queued job holds no body in memory), under its own folder so
    // the file name (format detection) is kept; the folder goes when the job ends, however it ends.
    const dir = join(uploads, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name);
    writeFileSync(file, body);
    const resume = { dir, file, name, format: q.format, strict: q.strict === 'true' };
    const work = importWork(resume);
    const job = jobs.submit('import', { filename: name, format: q.format, bytes: body.length }, 'bytes', work.run, work.onEnd, resume);
    reply.status(202).header('Location', `/jobs/${job.id}`);
    return job;
  });

  // Other jobs than imports: {"kind":"link","spec":"<id of mappings/links/>","full":false} (only shipped spec ids, never a path).
  app.post('/jobs', guardRoute(requireWrite), async (req, reply) => {
    const body = (Buffer.isBuffer(req.body) ? undefined : req.body) as { kind?: unknown; spec?: unknown; full?: unknown } | undefined;
    if (body?.kind !== 'link') throw new LibkgError('BAD_REQUEST', 'POST a JSON body {"kind":"link","spec":"<spec id>"}; "kind" must be "link"');
    const specs = listLinkSpecs();
    if (typeof body.spec !== 'string' || !specs.includes(body.spec)) {
      throw new LibkgError('BAD_REQUEST', `"spec" must name a link spec, one of: ${specs.join(', ')}`, { parameter: 'spec' });
    }
    if (body.full !== undefined && typeof body.full !== 'boolean') {
      throw new LibkgError('BAD_REQUEST', '"full" must be true (compare every pair) or false (only pairs of records changed since the last run)', {
        parameter: 'full',
      });
    }
    const job = submitLinkJob(jobs, body.spec, { store, baseIri, timeoutMs: queryTimeoutMs, full: body.full === true });
    reply.status(202).header('Location', `/jobs/${job.id}`);
    return job;
  });

  const read = guardRoute(requireRead);
  app.get('/jobs', read, async () => ({ jobs: jobs.list() }));
  app.get('/jobs/:id', read, async (req) => {
    const job = jobs.get((req.params as { id: string }).id);
    if (!job) throw new LibkgError('NOT_FOUND', `no job ${(req.params as { id: string }).id}`);
    return job;
  });
  // Cancel: a queued job ends at once (200); a running one stops at its next record and rolls back what it had not committed (202).
  app.delete('/jobs/:id', guardRoute(requireWrite), async (req, reply) => {
    const job = jobs.cancel((req.params as { id: string }).id);
    reply.status(job.state === 'cancelled' ? 200 : 202);
    return job;
  });
};
