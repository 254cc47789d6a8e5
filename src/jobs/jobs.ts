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

interface Live {
  job: Job;
  abort: AbortController;
  /** Called once the job ended, whatever the outcome (cleanup of its files). */
  onEnd?: () => void;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL)`;

/**
 * Long work (imports, reindexing, link discovery) as jobs with progress.
 * Jobs persist in `<data-dir>/jobs.sqlite`; one interrupted by a crash is
 * reported as failed on the next start. Jobs of one queue run one at a time;
 * a queued or running job can be cancelled.
 */
export class JobQueue {
  private readonly db: Database.Database;
  private readonly live = new Map<string, Live>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    for (const job of this.list(1_000)) {
      if (job.state === 'queued' || job.state === 'running') {
        this.save({
          ...job,
          state: 'failed',
          finishedAt: new Date().toISOString(),
          error: { code: 'INTERRUPTED', detail: 'the server stopped while this job ran' },
        });
      }
    }
  }

  private save(job: Job): void {
    if (!this.db.open) return;
    this.db.prepare(`INSERT OR REPLACE INTO jobs (id, created_at, body) VALUES (?, ?, ?)`).run(job.id, job.createdAt, JSON.stringify(job));
  }

  /** Queues work; `run` reports progress through the callback and returns the job's result. */
  submit(type: string, input: Record<string, unknown>, unit: string, run: JobRun, onEnd?: () => void): Job {
    const job: Job = { id: randomUUID(), type, state: 'queued', createdAt: new Date().toISOString(), progress: { done: 0, total: 0, unit }, input };
    const entry: Live = { job, abort: new AbortController(), onEnd };
    this.live.set(job.id, entry);
    this.save(job);
    const step = async () => {
      try {
        // Cancelled while queued: already ended.
        if (job.state === 'cancelled') return;
        job.state = 'running';
        job.startedAt = new Date().toISOString();
        this.save(job);
        let lastSave = 0;
        try {
          job.result = await run((p) => {
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
          if (entry.abort.signal.aborted) return this.end(entry, 'cancelled');
          job.error = { code: errorCodeOf(e), detail: err.message };
          this.end(entry, 'failed');
        }
      } finally {
        this.live.delete(job.id);
      }
    };
    this.tail = this.tail.then(step, step);
    return job;
  }

  private end({ job, abort, onEnd }: Live, state: JobState): void {
    job.state = state;
    if (state === 'cancelled') {
      const reason = abort.signal.reason instanceof Error ? abort.signal.reason.message : 'cancelled';
      job.error = { code: 'JOB_CANCELLED', detail: `${reason}; work not yet committed was rolled back` };
    }
    job.finishedAt = new Date().toISOString();
    this.save(job);
    try {
      onEnd?.();
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
    }
    return entry.job;
  }

  /** Cancels every queued and running job (shutdown). */
  cancelAll(reason: string): void {
    for (const id of [...this.live.keys()]) this.cancel(id, reason);
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

  /** Waits for the queued jobs to finish (shutdown, tests). */
  async idle(): Promise<void> {
    await this.tail;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
