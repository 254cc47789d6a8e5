/**
 * Write mirroring of the remote store adapter against a real Virtuoso (started here, loopback):
 * record graphs written in batches as an import does, one large graph, and a full catch-up of a
 * remote that came back empty. Each figure is measured until the remote answers with the data.
 * Usage: npx tsx bench/remote-mirror.ts [records]   (default 5000 records of 20 triples)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { openRemoteStore } from '../src/store/remote/index.js';
import { launchVirtuoso } from '../test/helpers/virtuoso.js';

const { DataFactory: F } = N3;
const records = Number(process.argv[2] ?? 5000);
const ex = (s: string) => F.namedNode(`http://example.org/${s}`);

/** A record graph like a mapped catalog record: 18 literals/IRIs and a blank node with 2 more. */
function record(i: number) {
  const s = ex(`record/${i}`);
  const g = ex(`graph/${i}`);
  const b = F.blankNode('contrib');
  const quads = Array.from({ length: 18 }, (_, k) => F.quad(s, ex(`p${k}`), k % 3 ? F.literal(`value ${i} ${k}`, 'en') : ex(`thing/${(i * 7 + k) % 997}`), g));
  quads.push(F.quad(s, ex('contributor'), b, g), F.quad(b, ex('name'), F.literal(`Person ${i}`), g));
  return { graph: g.value, quads };
}

const v = await launchVirtuoso({ anonymousUpdate: true, buffers: 100_000 });
const dir = mkdtempSync(join(tmpdir(), 'libkg-mirror-'));
try {
  let store = await openRemoteStore({ dataDir: dir, quadBudget: 12_000_000, queryTimeoutMs: 600_000, maxResultBytes: 1e9, remote: { endpoint: v.endpoint } });
  const count = async () => Number(JSON.parse((await store.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).body).results.bindings[0].n.value);

  let t = performance.now();
  for (let i = 0; i < records; i += 100) await store.putGraphs(Array.from({ length: Math.min(100, records - i) }, (_, k) => record(i + k)));
  const n1 = await count();
  let s = (performance.now() - t) / 1000;
  console.log(
    `record graphs: ${records} graphs, ${n1} triples mirrored in ${s.toFixed(2)} s = ${Math.round(n1 / s)} triples/s, ${Math.round(records / s)} graphs/s`,
  );

  const big = Array.from({ length: 200_000 }, (_, i) => F.quad(ex(`big/${i}`), ex('p'), F.literal(`v${i}`), ex('graph/big')));
  t = performance.now();
  await store.putGraphs([{ graph: ex('graph/big').value, quads: big }]);
  const journalS = (performance.now() - t) / 1000;
  const n2 = (await count()) - n1;
  s = (performance.now() - t) / 1000;
  console.log(
    `one graph: ${n2} triples mirrored in ${s.toFixed(2)} s = ${Math.round(n2 / s)} triples/s (of which ${journalS.toFixed(2)} s the journal write, as embedded)`,
  );

  t = performance.now();
  await store.update('INSERT { ?s <http://example.org/seen> true } WHERE { GRAPH <http://example.org/graph/1> { ?s ?p ?o } }');
  console.log(`one SPARQL update (WHERE on the remote, live apply, journal): ${(performance.now() - t).toFixed(0)} ms`);

  await store.close();
  await v.dropData();
  t = performance.now();
  store = await openRemoteStore({ dataDir: dir, quadBudget: 12_000_000, queryTimeoutMs: 600_000, maxResultBytes: 1e9, remote: { endpoint: v.endpoint } });
  const n3 = await count();
  s = (performance.now() - t) / 1000;
  console.log(`catch-up of an empty remote: ${n3} triples in ${s.toFixed(2)} s = ${Math.round(n3 / s)} triples/s`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
  await v.stop();
}
