import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { type ErrorCode, errorCodeOf, LibkgError } from '../errors.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobProgress {
  /** Work done and total in the job's unit (bytes for imports); total 0 when unknown. */
  done: number;
  total: number;
  unit: string;
  /** done / total in percent, one decimal, when the total is known. */
  percent?: number;
  /** Seconds left at the rate so far, when the job can tell. */
  etaSeconds?: number;
  /** Short human-readable status, e.g. "1,200 records, marc4j-chabon.mrc". */
  message?: string;
}

export interface Job {
  id: string;
  type: string;
  state: JobState;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress: JobProgress;
  /** The job's outcome (an import summary) once it finished; also kept when it failed or was cancelled part way. */
  result?: unknown;
  error?: { code: ErrorCode; detail: string };
  /** What the job was asked to do (file name, format…), never secrets. */
  input: Record<string, unknown>;
}

/** What a job's work gets: a progress callback and a signal that fires when the job is cancelled. */
export type JobRun = (progress: (p: Partial<JobProgress>) => void, signal: AbortSignal) => Promise<unknown>;

/** The work of one job and the cleanup once it ended, however it ended (its upload's folder). */
export interface JobWork {
  run: JobRun;
  onEnd?: () => void;
}

/**
 * How a job type's work is made again from what was kept of it (`resume` of submit): a queued job
 * outlives a restart only when its type has one. Kept data is the queue's, never shown to clients.
 */
export type JobReviver = (resume: Record<string, unknown>) => JobWork;

interface Live {
  job: Job;
  abort: AbortController;
  work: JobWork;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL)`;
/** Added to data dirs made before queued jobs outlived restarts. */
const RESUME_COLUMN = `ALTER TABLE jobs ADD COLUMN resume TEXT`;

/** A job's stop by a server shutdown: reported as INTERRUPTED, like one cut off by a crash. */
const shutdown = () => new LibkgError('INTERRUPTED', 'the server stopped while this job ran');

/**
 * Long work (imports, link discovery) as jobs with progress, persistent in `<data-dir>/jobs.sqlite`:
 * `GET /jobs` answers the same after a restart. A job that was running when the server stopped is
 * reported as failed (INTERRUPTED) on the next start; queued ones start again once their type's
 * reviver is defined and `resume()` is called. At most `concurrency` jobs run at once; a queued or
 * running job can be cancelled.
 */
export class JobQueue {
  private readonly db: Database.Database;
  private readonly live = new Map<string, Live>();
  private readonly waiting: Live[] = [];
  private readonly revivers = new Map<string, JobReviver>();
  private running = 0;
  private idlers: (() => void)[] = [];
  private closing = false;

  constructor(
    path: string,
    private readonly concurrency = 1,
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    const columns = this.db.prepare(`PRAGMA table_info(jobs)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'resume')) this.db.exec(RESUME_COLUMN);
    for (const { job } of this.stored('running')) this.fail(job, shutdown());
  }

  private stored(state: JobState): { job: Job; resume?: Record<string, unknown> }[] {
    const rows = this.db.prepare(`SELECT body, resume FROM jobs WHERE json_extract(body, '$.state') = ? ORDER BY created_at`).all(state) as {
      body: string;
      resume: string | null;
    }[];
    return rows.map((r) => ({ job: JSON.parse(r.body) as Job, resume: r.resume === null ? undefined : (JSON.parse(r.resume) as Record<string, unknown>) }));
  }

  private fail(job: Job, e: LibkgError): void {
    this.save({ ...job, state: 'failed', finishedAt: new Date().toISOString(), error: { code: e.code, detail: e.message } });
  }

  /** Keeps the job; `resume` (a new job's) is what starts it again after a restart, dropped once it ended. */
  private save(job: Job, resume?: Record<string, unknown> | null): void {
    if (!this.db.open) return;
    if (resume !== undefined) {
      const kept = resume === null ? null : JSON.stringify(resume);
      this.db.prepare(`INSERT OR REPLACE INTO jobs (id, created_at, body, resume) VALUES (?, ?, ?, ?)`).run(job.id, job.createdAt, JSON.stringify(job), kept);
      return;
    }
    const finished = job.state !== 'queued' && job.state !== 'running';
    this.db.prepare(`UPDATE jobs SET body = ?, resume = CASE WHEN ? THEN NULL ELSE resume END WHERE id = ?`).run(JSON.stringify(job), finished ? 1 : 0, job.id);
  }

  /** Makes queued jobs of `type` survive a restart: `resume` of their submit is handed to `reviver` then. */
  define(type: string, reviver: JobReviver): void {
    this.revivers.set(type, reviver);
  }

  /** Jobs still queued from before this start, oldest first, with what was kept to start them (the jobs plugin keeps their uploads). */
  pending(): { job: Job; resume?: Record<string, unknown> }[] {
    return this.stored('queued').filter(({ job }) => !this.live.has(job.id));
  }

  /** Queues again the jobs that were waiting when the server stopped; those no reviver can start fail as INTERRUPTED. */
  resume(): void {
    for (const { job, resume } of this.pending()) {
      const reviver = this.revivers.get(job.type);
      if (!reviver || !resume) {
        this.fail(job, new LibkgError('INTERRUPTED', 'the server stopped before this job started, and it cannot be started again'));
        continue;
      }
      let work: JobWork;
      try {
        work = reviver(resume);
      } catch (e) {
        this.fail(job, e instanceof LibkgError ? e : new LibkgError(errorCodeOf(e), (e as Error).message));
        continue;
      }
      this.enqueue({ job, abort: new AbortController(), work });
    }
  }

  /**
   * Queues work; `run` reports progress through the callback and returns the job's result.
   * With `resume` (plain JSON, kept until the job ends), a job still queued at a restart starts again
   * through its type's reviver (`define`).
   */
  submit(type: string, input: Record<string, unknown>, unit: string, run: JobRun, onEnd?: () => void, resume?: Record<string, unknown>): Job {
    const job: Job = { id: randomUUID(), type, state: 'queued', createdAt: new Date().toISOString(), progress: { done: 0, total: 0, unit }, input };
    this.save(job, resume ?? null);
    this.enqueue({ job, abort: new AbortController(), work: { run, onEnd } });
    return job;
  }

  private enqueue(entry: Live): void {
    this.live.set(entry.job.id, entry);
    this.waiting.push(entry);
    this.pump();
  }

  /** Starts waiting jobs while fewer than `concurrency` run. */
  private pump(): void {
    while (!this.closing && this.running < this.concurrency) {
      const next = this.waiting.shift();
      if (!next) break;
      this.running++;
      void this.step(next).finally(() => {
        this.running--;
        this.pump();
        if (!this.running && !this.waiting.length) for (const f of this.idlers.splice(0)) f();
      });
    }
  }

  private async step(entry: Live): Promise<void> {
    const { job } = entry;
    try {
      // Cancelled while queued: already ended.
      if (job.state === 'cancelled') return;
      job.state = 'running';
      job.startedAt = new Date().toISOString();
      this.save(job);
      let lastSave = 0;
      try {
        job.result = await entry.work.run((p) => {
          Object.assign(job.progress, p);
          // Progress lives in memory; persist it now and then, not per record.
          if (Date.now() - lastSave > 1000) {
            lastSave = Date.now();
            this.save(job);
          }
        }, entry.abort.signal);
        this.end(entry, 'succeeded');
      } catch (e) {
        const err = e as Error & { summary?: unknown };
        // A job that fails part way still reports what it did (an import's counts and rejections).
        if (err.summary !== undefined) job.result = err.summary;
        const reason: unknown = entry.abort.signal.reason;
        if (entry.abort.signal.aborted && reason instanceof LibkgError && reason.code === 'INTERRUPTED') {
          job.error = { code: 'INTERRUPTED', detail: reason.message };
          return this.end(entry, 'failed');
        }
        if (entry.abort.signal.aborted) return this.end(entry, 'cancelled');
        job.error = { code: errorCodeOf(e), detail: err.message };
        this.end(entry, 'failed');
      }
    } finally {
      this.live.delete(job.id);
    }
  }

  private end({ job, abort, work }: Live, state: JobState): void {
    job.state = state;
    if (state === 'cancelled') {
      const reason = abort.signal.reason instanceof Error ? abort.signal.reason.message : 'cancelled';
      job.error = { code: 'JOB_CANCELLED', detail: `${reason}; work not yet committed was rolled back` };
    }
    job.finishedAt = new Date().toISOString();
    this.save(job);
    try {
      work.onEnd?.();
    } catch {
      // Cleanup is best effort; leftovers are removed at the next start.
    }
  }

  /**
   * Cancels a queued job (it will not start) or a running one (its work sees the signal and
   * stops; what it had not committed is rolled back). Throws for an unknown or finished job.
   */
  cancel(id: string, reason = 'cancelled by request'): Job {
    const entry = this.live.get(id);
    if (!entry) {
      const job = this.get(id);
      if (!job) throw new LibkgError('NOT_FOUND', `no job ${id}`);
      throw new LibkgError('JOB_FINISHED', `job ${id} already ended (${job.state})`, { state: job.state });
    }
    if (!entry.abort.signal.aborted) entry.abort.abort(new LibkgError('JOB_CANCELLED', reason));
    if (entry.job.state === 'queued') {
      // Leave the queue now rather than when its turn comes: clients see the outcome at once.
      this.end(entry, 'cancelled');
      this.live.delete(id);
      this.waiting.splice(this.waiting.indexOf(entry), 1);
    }
    return entry.job;
  }

  /**
   * Shutdown: running jobs stop (reported INTERRUPTED, their uncommitted work rolled back); queued
   * ones stay queued in the file and start at the next start.
   */
  stopAll(): void {
    this.closing = true;
    for (const entry of this.waiting.splice(0)) {
      this.live.delete(entry.job.id);
      // Its upload stays: the next start needs it.
    }
    for (const entry of this.live.values()) if (!entry.abort.signal.aborted) entry.abort.abort(shutdown());
  }

  get(id: string): Job | undefined {
    const live = this.live.get(id);
    if (live) return live.job;
    const body = this.db.prepare(`SELECT body FROM jobs WHERE id = ?`).pluck().get(id) as string | undefined;
    return body ? (JSON.parse(body) as Job) : undefined;
  }

  list(limit = 100): Job[] {
    return (this.db.prepare(`SELECT body FROM jobs ORDER BY created_at DESC LIMIT ?`).pluck().all(limit) as string[]).map(
      (b) => this.live.get((JSON.parse(b) as Job).id)?.job ?? (JSON.parse(b) as Job),
    );
  }

  /** Waits until no job runs or waits (shutdown, tests). */
  idle(): Promise<void> {
    if (!this.running && !this.waiting.length) return Promise.resolve();
    return new Promise((r) => this.idlers.push(r));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
