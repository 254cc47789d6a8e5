/**
 * Graph evidence (docs/link-spec-format.md, "Comparisons"): the neighbour sets an `evidence:`
 * comparison scores by overlap, read by selection like any value, along these property paths,
 * when the spec declares no value of that name itself.
 */
import type { LinkEntity, LinkSpec } from './engine/index.js';

const CREATED = 'dct:creator|dct:contributor';

export const EVIDENCE_PATHS: Record<string, string> = {
  'shared-works': `^(${CREATED})`,
  'shared-coauthors': `^(${CREATED})/(${CREATED})`,
  'shared-affiliation': 'schema:affiliation',
  'shared-subject': 'dct:subject',
};

/** Name → path of everything selection reads: the spec's values, then the evidence sets no value declares. */
export function selectionPaths(spec: LinkSpec): Record<string, string> {
  const paths = Object.fromEntries(Object.entries(spec.values).map(([name, v]) => [name, v.path]));
  for (const c of spec.compare) {
    const path = EVIDENCE_PATHS[c.value];
    if (c.using === 'overlap' && !(c.value in paths) && path) paths[c.value] = path;
  }
  return paths;
}

/** A person is not their own co-author: the path back through their works finds them too. */
export function dropSelfFromCoauthors(entities: LinkEntity[]): void {
  for (const e of entities) {
    const coauthors = e.values['shared-coauthors'];
    if (!coauthors) continue;
    const others = coauthors.filter((iri) => iri !== e.iri);
    if (others.length) e.values['shared-coauthors'] = others;
    else delete e.values['shared-coauthors'];
  }
}
