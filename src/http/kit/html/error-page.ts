/** The HTML page a browser gets for an error (problem+json stays for every other client). */
import { html } from './escape.js';
import { page } from './layout.js';

const HINTS: Record<number, string> = {
  404: 'There is nothing at this address. Try the search, or start from the home page.',
  410: 'This resource existed but was deleted. Its history stays in the event stream (LDES).',
};

export function errorPage(opts: { status: number; title: string; detail: string; home: string }): string {
  const hint = HINTS[opts.status] ?? (opts.status >= 500 ? 'The server could not answer. Try again in a moment; the server log says more.' : undefined);
  const body = html`<div class="error">
<p class="code">${opts.status}</p>
<h1>${opts.title}</h1>
<p class="detail">${opts.detail}</p>
${hint ? html`<p>${hint}</p>` : ''}
<form class="search" method="get" action="${opts.home}search" role="search"><input type="search" name="q" aria-label="Search" placeholder="Search the knowledge graph"> <button type="submit">Search</button></form>
<p><a href="${opts.home}">Home page</a></p>
</div>`;
  return page({ title: `${opts.status} ${opts.title}`, body, home: opts.home });
}
