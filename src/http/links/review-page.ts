/**
 * GET /links/review?spec=…: the review page. The server renders one page of links (status `review`
 * by default) with the two entities side by side and the comparator evidence, every value escaped;
 * its one script (GET /links/review.js, served from src/http/assets/) adds the keys (j/k move,
 * a accept, r reject, u undo) and posts decisions to /links/decisions with the token the reviewer
 * entered once (kept in sessionStorage, never in the page).
 */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { scriptPageCsp } from '../kit/csp.js';
import { type Html, html, safeHref } from '../kit/html/escape.js';
import { page } from '../kit/html/layout.js';
import { specParameter } from './decisions.js';
import { type EntitySummary, entitySummaries } from './entities.js';
import { DEFAULT_PAGE_SIZE, intParameter, type ListedLink, MAX_PAGE_SIZE, readLinks, statusParameter } from './read-links.js';

const ASSETS = new URL('../../../src/http/assets/', import.meta.url);
/** Properties shown per entity. */
const SHOWN_PROPERTIES = 12;

const STYLE = html`
main{max-width:80rem}
.token{display:flex;gap:.5rem;align-items:center;margin:.5rem 0}.keys{color:#555;font-size:.9rem}
.link{border:1px solid #ccc;border-radius:6px;margin:.8rem 0;padding:.5rem .8rem;background:#fff}
.link.current{border-color:#1f5fbf;box-shadow:0 0 0 2px #1f5fbf55}
.link.accepted{background:#eefaf0}.link.rejected{background:#fdf0f0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.pair h3{margin:.2rem 0;font-size:1.05rem}
.pair table th{width:9rem}.score{font-weight:600}.evidence{font-size:.9rem;color:#333}
.state{float:right;font-weight:600}.message{min-height:1.5rem;color:#333}.message.error{color:#8a1c1c}
`;

const iriLink = (iri: string): Html => {
  const href = safeHref(iri);
  return href ? html`<a class="iri" href="${href}">${iri}</a>` : html`<span class="iri">${iri}</span>`;
};

function entityColumn(side: string, e: EntitySummary | undefined, iri: string): Html {
  return html`<section class="entity ${side}">
<h3>${e?.label ?? iri}</h3>
<p class="types">${(e?.types ?? []).join(', ') || 'no type'}</p>
<p>${iriLink(iri)}</p>
<table>
<tr><th>source graph</th><td>${(e?.graphs ?? []).map((g) => html`<div>${iriLink(g)}</div>`)}</td></tr>
${(e?.properties ?? []).slice(0, SHOWN_PROPERTIES).map(([p, v]) => html`<tr><th>${p}</th><td>${v}</td></tr>`)}
</table>
</section>`;
}

function linkCard(l: ListedLink, entities: Map<string, EntitySummary>, i: number): Html {
  return html`<article class="link ${l.status}" id="link-${i}" tabindex="-1" data-source="${l.source}" data-target="${l.target}" data-status="${l.status}">
<span class="state">${l.status}${l.reviewedBy ? html` (${l.reviewedBy})` : ''}</span>
<p><span class="score">score ${l.score.toFixed(4)}</span> <span class="evidence">${l.evidence.map((e, k) => html`${k ? '; ' : ''}${e.comparator} ${e.score.toFixed(4)}`)}</span></p>
<div class="pair">${entityColumn('source', entities.get(l.source), l.source)}${entityColumn('target', entities.get(l.target), l.target)}</div>
<p><button type="button" class="accept">accept (a)</button> <button type="button" class="reject">reject (r)</button></p>
</article>`;
}

export interface ReviewPageOptions {
  store: QuadStore;
  baseIri: string;
  timeoutMs?: number;
  requireRead?: Guard;
}

export const reviewPageRoutes: FastifyPluginAsync<ReviewPageOptions> = async (app, { store, baseIri, timeoutMs, requireRead }) => {
  const home = new URL(baseIri).pathname;
  let script: Buffer | undefined;
  app.get('/links/review.js', guardRoute(requireRead), async (_req, reply) => {
    script ??= readFileSync(new URL('link-review.js', ASSETS));
    return reply.type('application/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(script);
  });

  app.get('/links/review', guardRoute(requireRead), async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const spec = specParameter(q.spec);
    const status = statusParameter(q.status);
    const pageNo = intParameter('page', q.page, 1, 1_000_000);
    const size = intParameter('size', q.size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const { total, links } = await readLinks(store, baseIri, { spec: spec.id, status, page: pageNo, size }, timeoutMs);
    const entities = await entitySummaries(store, baseIri, [...new Set(links.flatMap((l) => [l.source, l.target]))], timeoutMs);
    const last = Math.max(1, Math.ceil(total / size));
    const at = (p: number) => `${home}links/review?${new URLSearchParams({ spec: spec.id, status, page: String(p), size: String(size) })}`;
    const body = html`<h1>Review links: ${spec.label ?? spec.id}</h1>
<p>${total} links with status <strong>${status}</strong>; page ${pageNo} of ${last}. Accept at ${spec.accept}, review from ${spec.review}.
${pageNo > 1 ? html`<a rel="prev" href="${at(pageNo - 1)}">previous</a>` : ''} ${pageNo < last ? html`<a rel="next" href="${at(pageNo + 1)}">next</a>` : ''}</p>
<form class="token" id="token-form"><label for="token">Write token</label> <input id="token" type="password" autocomplete="off" size="40"> <button type="submit">use</button> <span id="token-state"></span></form>
<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>u</kbd> undo the last decision.</p>
<p class="message" id="message" role="status"></p>
<div id="links" data-spec="${spec.id}" data-endpoint="${home}links/decisions">
${links.length ? links.map((l, i) => linkCard(l, entities, i)) : html`<p>Nothing to review.</p>`}
</div>
<script src="${home}links/review.js"></script>`;
    const text = page({ title: `Review ${spec.id}`, body, home, style: STYLE });
    return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', scriptPageCsp(text)).send(text);
  });
};
