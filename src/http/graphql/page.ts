import { scriptPageCsp } from '../kit/csp.js';
import { siteHeader, siteHeadLinks } from '../kit/html/site-header.js';
import { CONTEXT_PATH } from './context.js';

const EXAMPLE_QUERY = `{
  id @single
  type(_: Book)
  title @single
  creator {
    id @single
    name @single
  }
}`;

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/**
 * The browser form for /graphql. Plain HTML and a few lines of script, no CDN:
 * GraphiQL would need a Vite build (docs: npm-notes section 4) and introspects a
 * GraphQL schema that a GraphQL-LD endpoint does not have.
 */
export function graphqlPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>libkg GraphQL-LD</title>
${siteHeadLinks('/')}<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; }
  main { margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; }
  .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
  textarea, pre { box-sizing: border-box; width: 100%; font: 13px/1.35 ui-monospace, monospace; }
  textarea { min-height: 9rem; }
  #query { min-height: 16rem; }
  pre { background: #f4f4f4; padding: .6rem; min-height: 16rem; overflow: auto; margin: 0; white-space: pre-wrap; }
  pre.error { background: #fde8e8; }
  button { font-size: 1rem; padding: .3rem 1.2rem; margin-top: .6rem; }
  @media (max-width: 50rem) { .cols { grid-template-columns: 1fr; } }
</style>
</head>
<body>
${siteHeader('/', 'GraphQL')}
<main>
<h1>GraphQL-LD</h1>
<p>GraphQL queries over the knowledge graph: each field name is a term of the JSON-LD context
(default: <a href="${CONTEXT_PATH}">${CONTEXT_PATH}</a>; a context given below extends it).
<code>@single</code> returns one value instead of a list; <code>field(_: value)</code> filters by value.</p>
<form id="form">
<div class="cols">
  <div>
    <label for="query">Query</label>
    <textarea id="query" name="query" spellcheck="false">${escapeHtml(EXAMPLE_QUERY)}</textarea>
    <label for="context">Extra context (JSON, optional)</label>
    <textarea id="context" name="context" spellcheck="false" placeholder='{ "myTerm": "http://example.org/myTerm" }'></textarea>
    <label for="variables">Variables (JSON, optional)</label>
    <textarea id="variables" name="variables" spellcheck="false" placeholder='{ "title": "..." }'></textarea>
    <label><input type="checkbox" id="explain"> show the SPARQL query</label>
    <button type="submit" id="run">Run</button>
  </div>
  <div>
    <label for="result">Result</label>
    <pre id="result" aria-live="polite"></pre>
  </div>
</div>
</form>
</main>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const json = (id) => { const t = $(id).value.trim(); return t ? JSON.parse(t) : undefined; };
  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = $('result');
    out.className = '';
    out.textContent = 'Running…';
    try {
      const body = { query: $('query').value, context: json('context'), variables: json('variables'), explain: $('explain').checked || undefined };
      const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      const data = await res.json();
      if (!res.ok) out.className = 'error';
      out.textContent = JSON.stringify(data, null, 2);
    } catch (e) {
      out.className = 'error';
      out.textContent = String(e);
    }
  });
})();
</script>
</body>
</html>
`;
}

/** The page's policy: its one inline script by hash, requests to this server only. */
export const GRAPHQL_PAGE_CSP = scriptPageCsp(graphqlPage());
