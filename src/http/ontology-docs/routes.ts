import type * as RDF from '@rdfjs/types';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { aliasesOf, byExtension } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import { NS, PREFIXES } from '../../vocab.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { html, PAGE_CSP } from '../kit/html/escape.js';
import { graphPage } from '../kit/html/graph-page.js';
import { negotiate } from '../kit/negotiate.js';
import type { Vocabulary } from '../kit/vocabulary.js';

const FORMATS = byExtension(['text/turtle', 'application/ld+json', 'text/html']);
const ALIASES = aliasesOf(Object.values(FORMATS));

const CLASS_TYPES = [NS.owl('Class'), NS.rdfs('Class'), NS.sh('NodeShape')];
const PROPERTY_TYPES = [NS.owl('ObjectProperty'), NS.owl('DatatypeProperty'), NS.owl('AnnotationProperty'), NS.rdf('Property')];

/**
 * The ontology (`ontology/*.ttl`) at `/ontology`, the namespace document of
 * `libkg:` (w3id.org redirects there), and the SHACL shapes at `/shapes`:
 * Turtle, JSON-LD, and an HTML documentation page generated from the files.
 */
export const ontologyDocsPlugin: FastifyPluginAsync<{ vocabulary: Vocabulary; baseIri: string; requireRead?: Guard }> = async (
  app,
  { vocabulary, baseIri, requireRead },
) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  const docs: { path: string; title: string; quads: RDF.Quad[] }[] = [
    { path: `${basePath}ontology`, title: 'libkg ontology', quads: vocabulary.ontology },
    { path: `${basePath}shapes`, title: 'libkg SHACL shapes', quads: vocabulary.shapes },
  ];
  for (const d of docs) {
    const bodies = new Map<string, Promise<string>>();
    const render = (ext: string): Promise<string> => {
      let b = bodies.get(ext);
      if (!b) {
        b =
          ext === 'ttl' ? serializeQuads(d.quads, 'text/turtle') : ext === 'jsonld' ? serializeQuads(d.quads, 'application/ld+json') : Promise.resolve(page(d));
        bodies.set(ext, b);
      }
      return b;
    };
    const page = (doc: typeof d) => {
      const typed = (types: string[]) => [
        ...new Set(doc.quads.filter((q) => q.predicate.value === NS.rdf('type') && types.includes(q.object.value)).map((q) => q.subject.value)),
      ];
      const classes = typed(CLASS_TYPES).sort();
      const props = typed(PROPERTY_TYPES).sort();
      const list = (iris: string[]) => iris.map((i, n) => html`${n ? ', ' : ''}<a href="#${encodeURIComponent(i)}">${vocabulary.index.label(i)}</a>`);
      const intro = html`<p>Namespace <code>${PREFIXES.libkg}</code>. ${doc.quads.length} triples.</p>
${classes.length ? html`<p><strong>Classes and shapes:</strong> ${list(classes)}</p>` : ''}
${props.length ? html`<p><strong>Properties:</strong> ${list(props)}</p>` : ''}`;
      return graphPage({
        title: doc.title,
        intro,
        quads: doc.quads,
        vocab: vocabulary.index,
        first: [...classes, ...props],
        href: () => undefined,
        links: Object.entries(FORMATS).map(([e, type]) => ({ rel: 'alternate', type, href: `${doc.path}.${e}` })),
        home: basePath,
      });
    };
    const serve = (fixed?: string) => async (req: FastifyRequest, reply: FastifyReply) => {
      let ext = fixed;
      if (!ext) {
        const type = negotiate(req.headers.accept, Object.values(FORMATS), ALIASES);
        ext = Object.keys(FORMATS).find((k) => FORMATS[k] === type);
        if (!ext) throw new LibkgError('NOT_ACCEPTABLE', `${d.title} is offered as ${Object.values(FORMATS).join(', ')}`);
        reply.header('Content-Location', `${d.path}.${ext}`);
      }
      reply.header('Vary', 'Accept').header(
        'Link',
        Object.entries(FORMATS)
          .map(([e, type]) => `<${d.path}.${e}>; rel="alternate"; type="${type}"`)
          .join(', '),
      );
      if (ext === 'html') reply.header('Content-Security-Policy', PAGE_CSP);
      return reply.type(`${FORMATS[ext]}; charset=utf-8`).send(await render(ext));
    };
    app.get(d.path, serve());
    for (const ext of Object.keys(FORMATS)) app.get(`${d.path}.${ext}`, serve(ext));
  }
};
