/** `/dumps/` for browsers: the files with sizes, checksums and download links (the JSON manifest stays for every other client). */
import { PREFIXES } from '../../vocab.js';
import type { DumpManifest } from '../kit/dump-manifest.js';
import { html } from '../kit/html/escape.js';
import { page } from '../kit/html/layout.js';

const curie = (iri: string): string => {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
};

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;

export function dumpsPage(m: DumpManifest, basePath: string): string {
  const rows = m.files.map(
    (f) =>
      html`<tr><td><a href="${basePath}dumps/${f.name}" download>${f.name}</a></td><td>${f.class ? curie(f.class) : 'everything'}</td><td>${f.mediaType}, gzip</td><td class="n">${size(f.bytes)}</td><td><code>${f.sha256}</code></td></tr>`,
  );
  const body = html`<h1>Dumps</h1>
<p>The whole knowledge graph as gzipped N-Quads, and the entities of each type as gzipped Turtle. Made from change-log sequence ${m.seq} at ${m.generatedAt}, and made again when the data changes.</p>
<table class="files"><tr><th>File</th><th>Holds</th><th>Format</th><th>Size</th><th>SHA-256</th></tr>${rows}</table>
<p class="iri">The same list as JSON: <code>curl -H 'Accept: application/json' …/dumps/</code>. Each download has an ETag and a <code>Digest</code> header.</p>`;
  return page({ title: 'Dumps', body, home: basePath, current: 'Dumps' });
}
