/** What the dumps surface builds and VoID announces: the shape both read, so neither imports the other. */
export interface DumpFile {
  /** File name under /dumps/. */
  name: string;
  /** Media type of the content inside the gzip. */
  mediaType: string;
  /** The class whose instances it holds (per-type dumps). */
  class?: string;
  bytes: number;
  sha256: string;
  /** Lines written (quads or Turtle lines: a size hint only for per-type files). */
  lines?: number;
}

export interface DumpManifest {
  /** Change-log sequence the dumps were started at. */
  seq: number;
  generatedAt: string;
  files: DumpFile[];
}

/** The dumps of the current change-log sequence, as VoID needs them (src/http/dumps/dumps.ts builds them). */
export interface DumpCatalogue {
  /** The manifest for the current sequence if it is already built. */
  ready(): DumpManifest | undefined;
  /** Dumps for the current sequence, building them when needed. */
  ensure(): Promise<DumpManifest>;
}
