/**
 * Every HTTP operation libkg serves, described once: the table /openapi.json is built from. Paths without a
 * leading slash hang below the base IRI's path (as their plugins register them); the others sit at the root.
 */
import type { Operation } from './operation-kit.js';
import { OPS_OPERATIONS } from './operations-ops.js';
import { PUBLISHING_OPERATIONS } from './operations-publishing.js';
import { QUERY_OPERATIONS } from './operations-query.js';

export type { Operation, Param } from './operation-kit.js';

/** In this order: the generated document lists paths as they come. */
export const OPERATIONS: Operation[] = [...QUERY_OPERATIONS, ...PUBLISHING_OPERATIONS, ...OPS_OPERATIONS];
