import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { QuadStore } from '../../store/port.js';
import { PREFIXES } from '../../vocab.js';
import type { DumpCatalogue, DumpFile, DumpManifest } from '../kit/dump-manifest.js';
import { isSafeIri, sparqlIri } from '../kit/iri.js';
import { writeGzip } from './files.js';

export const FULL_DUMP = 'libkg.nq.gz';
/** Subjects per CONSTRUCT of a per-type dump. */
const TYPE_BATCH = 1000;
const MANIFEST = 'manifest.json';

/** `bibo:Book` → `bibo-Book`; other IRIs by a readable tail. */
function fileStem(cls: string): string {
  for (const [p, ns] of Object.entries(PREFIXES))
    if (cls.startsWith(ns) && /^[A-Za-z0-9_-]+$/.test(cls.slice(ns.length))) return `${p}-${cls.slice(ns.length)}`;
  return cls.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * Full and per-type dumps, regenerated when the change log has moved. Files
 * live under `<dataDir>/dumps/<seq>/`, written in a temporary folder first and
 * renamed when complete; a restart reuses the folder of the current sequence.
 */
export class Dumps implements DumpCatalogue {
  private readonly root: string;
  private building?: { seq: number; done: Promise<DumpManifest> };
  private latest?: DumpManifest;

  constructor(
    private readonly store: QuadStore,
    dataDir: string,
    private readonly baseIri: string,
    private readonly typeBatch = TYPE_BATCH,
  ) {
    this.root = join(dataDir, 'dumps');
  }

  /** The manifest for the current sequence if it is already built. */
  ready(): DumpManifest | undefined {
    const seq = this.store.stats().lastSeq;
    if (this.latest?.seq === seq) return this.latest;
    const onDisk = join(this.root, String(seq), MANIFEST);
    if (existsSync(onDisk)) return (this.latest = JSON.parse(readFileSync(onDisk, 'utf8')) as DumpManifest);
    return undefined;
  }

  /** Dumps for the current sequence, building them (once, however many callers) when needed. */
  ensure(): Promise<DumpManifest> {
    const seq = this.store.stats().lastSeq;
    const ready = this.ready();
    if (ready) return Promise.resolve(ready);
    if (this.building?.seq === seq) return this.building.done;
    const done = this.build(seq).finally(() => {
      if (this.building?.seq === seq) this.building = undefined;
    });
    this.building = { seq, done };
    return done;
  }

  /** Resolves when no build is running (the app waits for it before the store closes). */
  async idle(): Promise<void> {
    await this.building?.done.catch(() => {});
  }

  pathOf(manifest: DumpManifest, name: string): string | undefined {
    return manifest.files.some((f) => f.name === name) ? join(this.root, String(manifest.seq), name) : undefined;
  }

  private async build(seq: number): Promise<DumpManifest> {
    mkdirSync(this.root, { recursive: true });
    const tmp = join(this.root, `.tmp-${seq}-${process.pid}-${Date.now()}`);
    mkdirSync(tmp);
    try {
      const files: DumpFile[] = [];
      const full = await writeGzip(join(tmp, FULL_DUMP), (out) => this.store.dump(out, 'application/n-quads'));
      files.push({ name: FULL_DUMP, mediaType: 'application/n-quads', ...full });
      for (const cls of await this.classes()) {
        const name = `${fileStem(cls)}.ttl.gz`;
        const r = await writeGzip(join(tmp, name), (out) => this.writeType(cls, out));
        files.push({ name, mediaType: 'text/turtle', class: cls, ...r });
      }
      const manifest: DumpManifest = { seq, generatedAt: new Date().toISOString(), files };
      writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 1));
      const dir = join(this.root, String(seq));
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      // Older generations go; a reader still streaming one keeps its open file.
      for (const d of readdirSync(this.root)) if (d !== String(seq)) rmSync(join(this.root, d), { recursive: true, force: true });
      this.latest = manifest;
      return manifest;
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** Classes with instances under the base IRI, largest first. */
  private async classes(): Promise<string[]> {
    const q = `SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(isIRI(?c) && STRSTARTS(STR(?s), ${JSON.stringify(this.baseIri)})) } GROUP BY ?c ORDER BY DESC(?n) ?c`;
    const r = await this.store.query(q, { format: 'application/sparql-results+json' });
    return (JSON.parse(r.body) as { results: { bindings: { c: { value: string } }[] } }).results.bindings.map((b) => b.c.value);
  }

  /**
   * Every instance's triples plus one level of blank nodes, in batches of
   * subjects so no single result nears the store's result-size limit.
   * Concatenated Turtle documents are one Turtle document.
   */
  private async writeType(cls: string, out: Writable): Promise<number> {
    const r = await this.store.query(`SELECT DISTINCT ?s WHERE { ?s a ${sparqlIri(cls)} . FILTER(isIRI(?s)) }`, { format: 'application/sparql-results+json' });
    const subjects = (JSON.parse(r.body) as { results: { bindings: { s: { value: string } }[] } }).results.bindings.map((b) => b.s.value).filter(isSafeIri);
    let lines = 0;
    for (let i = 0; i < subjects.length; i += this.typeBatch) {
      const values = subjects
        .slice(i, i + TYPE_BATCH)
        .map(sparqlIri)
        .join(' ');
      const q = `CONSTRUCT { ?s ?p ?o . ?o ?q ?v } WHERE { VALUES ?s { ${values} } ?s ?p ?o . OPTIONAL { ?o ?q ?v . FILTER(isBlank(?o)) } }`;
      const text = (await this.store.query(q, { format: 'text/turtle' })).body;
      if (!out.write(text)) await once(out, 'drain');
      lines += text.split('\n').length;
    }
    return lines;
  }
}
