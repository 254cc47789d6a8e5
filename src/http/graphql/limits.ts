/**
 * Shape limits for GraphQL-LD queries: every selected field becomes triple
 * patterns (and OPTIONALs) in the SPARQL graphql-ld generates, so thousands of
 * fields make a query that breaks the engine. Counted on the parsed document,
 * fragments expanded, after the text's length and nesting were pre-scanned.
 */
import { createRequire } from 'node:module';
import type { DocumentNode, SelectionSetNode } from 'graphql';
import { prescanQuery, type QueryLimits, tooComplex } from '../../store/query-limits.js';

// The graphql parser graphql-ld itself uses (through graphql-to-sparql), so both read a query alike.
const fromGraphqlLd = createRequire(createRequire(import.meta.url).resolve('graphql-ld'));
const fromGraphqlToSparql = createRequire(fromGraphqlLd.resolve('graphql-to-sparql'));
const { parse } = fromGraphqlToSparql('graphql') as { parse: (text: string, options?: { noLocation?: boolean }) => DocumentNode };

interface Count {
  fields: number;
  depth: number;
}

/** Refuses a GraphQL-LD query with more fields or deeper selections than the limits allow (400 QUERY_TOO_COMPLEX). */
export function checkGraphqlLimits(text: string, limits: QueryLimits): void {
  prescanQuery(text, 'graphql', limits);
  let doc: DocumentNode;
  try {
    doc = parse(text, { noLocation: true });
  } catch {
    return; // graphql-ld reports the syntax error with its own message
  }
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d.selectionSet);
  const expanded = new Map<string, Count>();
  const expanding = new Set<string>();
  // Depth is bounded by the pre-scan's bracket limit, so recursion here stays shallow.
  const count = (set: SelectionSetNode): Count => {
    let fields = 0;
    let depth = 1;
    for (const sel of set.selections) {
      let inner: Count | undefined;
      if (sel.kind === 'Field') {
        fields++;
        inner = sel.selectionSet ? count(sel.selectionSet) : undefined;
        if (inner) inner = { fields: inner.fields, depth: inner.depth + 1 };
      } else if (sel.kind === 'InlineFragment') inner = count(sel.selectionSet);
      else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || expanding.has(name)) continue; // unknown or cyclic: graphql-ld refuses it
        if (!expanded.has(name)) {
          expanding.add(name);
          expanded.set(name, count(frag));
          expanding.delete(name);
        }
        inner = expanded.get(name);
      }
      if (inner) {
        fields += inner.fields;
        depth = Math.max(depth, inner.depth);
      }
    }
    return { fields, depth };
  };
  let total: Count = { fields: 0, depth: 0 };
  for (const d of doc.definitions) {
    if (d.kind !== 'OperationDefinition') continue;
    const c = count(d.selectionSet);
    total = { fields: total.fields + c.fields, depth: Math.max(total.depth, c.depth) };
  }
  if (total.fields > limits.maxGraphqlFields) throw tooComplex('maxGraphqlFields', total.fields, limits.maxGraphqlFields, 'fields (fragments expanded)');
  if (total.depth > limits.maxGraphqlDepth) throw tooComplex('maxGraphqlDepth', total.depth, limits.maxGraphqlDepth, 'levels of nested selections');
}
