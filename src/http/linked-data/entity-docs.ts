import { createHash } from 'node:crypto';
import { LIBKG_CONTEXT } from '../../rdf/context.js';
import { NodeBuilder } from '../../rdf/jsonld-nodes.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { QuadStore } from '../../store/port.js';
import type { PageLink } from '../kit/html/layout.js';
import type { VocabIndex } from '../kit/vocabulary.js';
import { Lru, SeqClock } from './cache.js';
import type { Clusters } from './cluster-options.js';
import { includedSubjects, withCluster } from './cluster-view.js';
import { describeEntity, graphsOf, parseDescription } from './describe.js';
import { entityPage } from './entity-page.js';
import type { DocFormat } from './formats.js';

/** What the server knows about one thing IRI at one change-log sequence. */
export interface EntityDoc {
  thing: string;
  status: 200 | 404 | 410;
  /** Change-log sequence this was computed at (global, for cache validity). */
  seq: number;
  /** Opaque validator from the record graphs' own sequences. */
  tag: string;
  lastModified?: Date;
  /** The description as N-Triples, built on first need: a 304 needs only the tag. */
  nt?: Promise<string>;
  bodies: Map<string, Buffer>;
}

const MAX_ENTRIES = 20_000;

/**
 * Builds, caches and renders entity descriptions. Entries are valid while
 * the change log has not moved: any write may change a neighbour's label or
 * add an incoming link. The validator (tag) comes from the entity's own
 * record graphs only, so it is served as a weak ETag: the same tag means the
 * same entity data, with possibly newer context around it.
 * Concurrent requests for one entity share one computation.
 */
export class EntityDocs {
  private readonly cache = new Lru<string, { seq: number; doc: Promise<EntityDoc> }>(MAX_ENTRIES);
  readonly clock: SeqClock;

  constructor(
    private readonly store: QuadStore,
    private readonly vocab: VocabIndex,
    private readonly links: { href: (iri: string) => string | undefined; home: string },
    private readonly clusters?: Clusters,
  ) {
    this.clock = new SeqClock(store);
  }

  get(thing: string): Promise<EntityDoc> {
    const seq = this.clock.now;
    const hit = this.cache.get(thing);
    if (hit && hit.seq === seq) return hit.doc;
    const doc = this.compute(thing, seq);
    this.cache.set(thing, { seq, doc });
    doc.catch(() => this.cache.delete(thing));
    return doc;
  }

  private async compute(thing: string, seq: number): Promise<EntityDoc> {
    const graphs = await graphsOf(this.store, thing);
    const base = { thing, seq, bodies: new Map<string, Buffer>() };
    if (graphs.length === 0) {
      const gone = this.store.deletedGraphsWith(thing);
      if (gone.length === 0) return { ...base, status: 404, tag: '' };
      const at = gone.map((g) => g.deletedAt ?? g.updatedAt).sort();
      return { ...base, status: 410, tag: '', lastModified: new Date(at[at.length - 1] as string) };
    }
    // The cluster's graphs count in the validator: a new link changes the document.
    if (this.clusters) await this.clusters.index.current(this.clusters.waitMs);
    const cluster = this.clusters?.index.clusterOf(thing);
    const clusterGraphs = cluster ? [...cluster.edges.map((e) => e.graph), ...cluster.members.flatMap((m) => m.graphs)] : [];
    const infos = [...new Set([...graphs, ...clusterGraphs])].map((g) => this.store.graphInfo(g)).filter((i) => i !== undefined);
    const tag = createHash('sha1')
      .update(
        infos
          .map((i) => `${i.iri}@${i.lastSeq}`)
          .sort()
          .join('\n'),
      )
      .digest('base64url')
      .slice(0, 20);
    const updated = infos.map((i) => i.updatedAt).sort();
    return { ...base, status: 200, tag, lastModified: new Date(updated[updated.length - 1] as string) };
  }

  private description(doc: EntityDoc): Promise<string> {
    if (!doc.nt) {
      const cluster = this.clusters?.index.clusterOf(doc.thing);
      const limit = this.clusters?.limit ?? 0;
      doc.nt = describeEntity(this.store, doc.thing).then((nt) => (cluster ? withCluster(this.store, nt, doc.thing, cluster, limit) : nt));
      doc.nt.catch(() => {
        doc.nt = undefined;
      });
    }
    return doc.nt;
  }

  /** The document body in one format, rendered once per cached entry. */
  async render(doc: EntityDoc, format: DocFormat, alternates: PageLink[]): Promise<Buffer> {
    const hit = doc.bodies.get(format.ext);
    if (hit) return hit;
    const body = Buffer.from(await this.serialize(doc, format, alternates), 'utf8');
    doc.bodies.set(format.ext, body);
    return body;
  }

  private async serialize(doc: EntityDoc, format: DocFormat, alternates: PageLink[]): Promise<string> {
    const nt = await this.description(doc);
    if (format.ext === 'nt') return nt;
    const quads = parseDescription(nt);
    switch (format.ext) {
      case 'ttl':
        return serializeQuads(quads, 'text/turtle');
      case 'rdf':
        return serializeQuads(quads, 'application/rdf+xml');
      case 'jsonld': {
        const nodes = new NodeBuilder(quads);
        const included = this.clusters?.index.clusterOf(doc.thing) ? includedSubjects(quads, doc.thing).map((s) => nodes.node(s)) : [];
        return JSON.stringify({
          '@context': LIBKG_CONTEXT,
          ...nodes.node(doc.thing, { reverse: true }),
          ...(included.length ? { '@included': included } : {}),
        });
      }
      default:
        return entityPage({
          thing: doc.thing,
          quads: quads,
          vocab: this.vocab,
          href: this.links.href,
          alternates,
          home: this.links.home,
          cluster: this.clusters?.index.clusterOf(doc.thing),
          clusterLimit: this.clusters?.limit,
        });
    }
  }

  close(): void {
    this.clock.stop();
  }
}
