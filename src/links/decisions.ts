/**
 * Review decisions applied to a run's pairs before its link graph is written: an accepted pair is a
 * link whatever its score (even one the run did not find, with the score it had when decided), a
 * rejected pair is never a link nor waits for review (its link resource says `rejected`).
 */
import type { LinkDecision } from '../store/port.js';
import type { ScoredPair } from './engine/index.js';
import type { LinkRecord } from './results.js';

const pairKey = (x: string, y: string) => (x < y ? `${x}\0${y}` : `${y}\0${x}`);

/**
 * `present`: the IRIs of the entities the run selected; a decision on an entity that is gone (its
 * record deleted) is kept but writes nothing.
 */
export function applyDecisions(pairs: ScoredPair[], decisions: LinkDecision[], present: (iri: string) => boolean): LinkRecord[] {
  const byPair = new Map(decisions.map((d) => [pairKey(d.source, d.target), d]));
  const out: LinkRecord[] = pairs.map((p) => {
    const d = byPair.get(pairKey(p.source, p.target));
    if (!d) return p;
    byPair.delete(pairKey(p.source, p.target));
    return decided(p, d);
  });
  for (const d of byPair.values()) {
    if (!present(d.source) || !present(d.target)) continue;
    out.push(decided({ source: d.source, target: d.target, score: d.score ?? 0, evidence: d.evidence ?? {} }, d));
  }
  return out;
}

function decided(p: Omit<ScoredPair, 'status'>, d: LinkDecision): LinkRecord {
  return {
    source: p.source,
    target: p.target,
    score: p.score,
    evidence: p.evidence,
    status: d.decision === 'accept' ? 'accepted' : 'rejected',
    reviewed: { decision: d.decision, by: d.by, at: d.at },
  };
}
