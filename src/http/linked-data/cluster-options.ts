import type { ClusterIndex } from '../../links/clusters/cluster-index.js';

/** The owl:sameAs clusters entity documents show (src/links/clusters/). */
export interface Clusters {
  index: ClusterIndex;
  /** Members, and works of a person's cluster, read and shown per document (setting clusterListLimit). */
  limit: number;
  /** How long a document waits for the clusters to take in the latest writes. */
  waitMs: number;
}
