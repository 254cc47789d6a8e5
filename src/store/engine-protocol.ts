/** Messages between the engine pool (main thread) and an engine worker. */
export type EngineRequest = { id: number } & (
  | {
      op: 'query';
      text: string;
      format: string;
      baseIri?: string;
      union: boolean;
      /** The query text names its own dataset (FROM / FROM NAMED); a protocol dataset, when given, wins over it. */
      ownDataset?: boolean;
      defaultGraphs?: string[];
      namedGraphs?: string[];
      /** Reply with the result as UTF-8 bytes, transferred (not copied) to the caller's thread. */
      bytes?: boolean;
      /**
       * With `bytes`: a result larger than this stays in the engine, which replies `{ kept, total }`;
       * the caller then reads it piece by piece (`read`) and frees it (`release`).
       */
      keepAbove?: number;
    }
  | { op: 'read'; kept: number; offset: number; max: number }
  | { op: 'release'; kept: number }
  | {
      op: 'apply';
      /** Change-log sequence this write reached; engines built from a later snapshot skip it. */
      seq?: number;
      /** Graphs to empty first. */
      clear?: string[];
      /** N-Quads lines. */
      del: string[];
      add: string[];
      /** Report which lines really changed the store (used when evaluating updates). */
      effective?: boolean;
    }
  | { op: 'graph'; graph: string }
  | { op: 'match'; s: string | null; p: string | null; o: string | null; g: string | null }
  | { op: 'size' }
);

export type EngineReply =
  | { type: 'ready'; seq: number; quads: number; ms: number; quarantined?: { graph: string; reason: string }[] }
  | { type: 'result'; id: number; result: unknown }
  /** `broken`: the error left the engine unusable (a WASM trap, stack exhaustion); the pool retires it. */
  | { type: 'error'; id: number; message: string; broken?: boolean };

/** A request as the store sends it to its query backend (the backend numbers it when it needs to). */
export type BackendRequest = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
/** A committed write, or one step of an update, for the backend to mirror. */
export type ApplyRequest = Extract<BackendRequest, { op: 'apply' }>;
