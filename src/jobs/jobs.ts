import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobProgress {
  /** Work done and total in the job's unit (bytes for imports); total 0 when unknown. */
  done: number;
  total: number;
  unit: string;
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
  /** The job's outcome (an import summary) once it finished. */
  result?: unknown;
  error?: { code: string; detail: string };
  /** What the job was asked to do (file name, format…), never secrets. */
  input: Record<string, unknown>;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL)`;

/**
 * Long work (imports, reindexing, link discovery) as jobs with progress.
 * Jobs persist in `<data-dir>/jobs.sqlite`; one interrupted by a crash is
 * reported as failed on the next start. Jobs of one queue run one at a time.
 */
export class JobQueue {
  private readonly db: Database.Database;
  private readonly live = new Map<string, Job>();
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
    this.db.prepare(`INSERT OR REPLACE INTO jobs (id, created_at, body) VALUES (?, ?, ?)`).run(job.id, job.createdAt, JSON.stringify(job));
  }

  /** Queues work; `run` reports progress through the callback and returns the job's result. */
  submit(type: string, input: Record<string, unknown>, unit: string, run: (progress: (p: Partial<JobProgress>) => void) => Promise<unknown>): Job {
    const job: Job = { id: randomUUID(), type, state: 'queued', createdAt: new Date().toISOString(), progress: { done: 0, total: 0, unit }, input };
    this.live.set(job.id, job);
    this.save(job);
    const step = async () => {
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
        });
        job.state = 'succeeded';
      } catch (e) {
        job.state = 'failed';
        const err = e as Error & { code?: string };
        job.error = { code: typeof err.code === 'string' ? err.code : 'INTERNAL', detail: err.message };
      }
      job.finishedAt = new Date().toISOString();
      this.save(job);
      this.live.delete(job.id);
    };
    this.tail = this.tail.then(step, step);
    return job;
  }

  get(id: string): Job | undefined {
    const live = this.live.get(id);
    if (live) return live;
    const body = this.db.prepare(`SELECT body FROM jobs WHERE id = ?`).pluck().get(id) as string | undefined;
    return body ? (JSON.parse(body) as Job) : undefined;
  }

  list(limit = 100): Job[] {
    return (this.db.prepare(`SELECT body FROM jobs ORDER BY created_at DESC LIMIT ?`).pluck().all(limit) as string[]).map(
      (b) => this.live.get((JSON.parse(b) as Job).id) ?? (JSON.parse(b) as Job),
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
