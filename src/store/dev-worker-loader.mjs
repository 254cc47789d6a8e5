// Runs a TypeScript worker from the sources (tests, tsx): Node 20 cannot pass --import to a worker's entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
