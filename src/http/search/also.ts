/** The other members of a hit's owl:sameAs cluster (src/search/collapse.ts), in JSON-LD and on the page. */
import { displayLabel } from '../../search/merge.js';
import type { SearchDoc, SearchHit } from '../../search/port.js';
import { type Html, html } from '../kit/html/escape.js';

const alsoOf = (hit: SearchHit): SearchDoc[] => (hit as SearchHit & { also?: SearchDoc[] }).also ?? [];

/** A hit's node with the members it stands for added as owl:sameAs (`sameAs` in libkg's context). */
export function withAlso(node: Record<string, unknown>, hit: SearchHit): Record<string, unknown> {
  const also = alsoOf(hit);
  if (also.length === 0) return node;
  const same = (node.sameAs as { id: string }[] | undefined) ?? [];
  // A member the hit itself names owl:sameAs is listed once, with its label.
  const others = new Set(also.map((d) => d.iri));
  return { ...node, sameAs: [...same.filter((s) => !others.has(s.id)), ...also.map((d) => ({ id: d.iri, label: displayLabel(d) }))] };
}

/** "Also: …" under a hit, linking every other member. */
export function alsoLine(hit: SearchHit, link: (iri: string, text: string) => Html): Html | '' {
  const also = alsoOf(hit);
  if (also.length === 0) return '';
  return html`<div class="meta also">Also: ${also.map((d, i) => html`${i ? '; ' : ''}${link(d.iri, displayLabel(d))}`)}</div>`;
}
