/** The project's seeded PRNG (src/prng.ts), so a failing fuzz iteration can be replayed. */
export { prng } from '../../src/prng.js';
