import { NS } from '../../vocab.js';

/** Properties whose values name a resource for people, best first; all are copied to rdfs:label in descriptions. */
export const LABEL_PROPERTIES = [NS.rdfs('label'), NS.skos('prefLabel'), NS.schema('name'), NS.foaf('name'), NS.dct('title')];
