import { dropUndefined, isoDate, type PatentData, type PatentRef, type PriorityClaim, uniq } from './patent-model.js';

/** What a format reader finds for the head of a record, before the shared derivations. */
export interface HeadParts {
  title?: string;
  /** All titles; by default the one title, in the record's language. */
  titles?: PatentData['titles'];
  abstract: { abstract?: string };
  lang: string;
  /** Dates as printed (YYYYMMDD). */
  filing?: string;
  publication?: string;
  priorityClaims: PriorityClaim[];
  /** Country + application number; empty when the source prints no number. */
  applicationNumber?: string;
}

/** The record fields every reader derives the same way, in PatentData's field order. */
export function patentHead(ref: PatentRef, h: HeadParts) {
  return {
    country: ref.country,
    number: ref.number,
    kind: ref.kind ?? '',
    key: ref.key,
    ...(h.title ? { title: h.title } : {}),
    titles: h.titles ?? (h.title ? [{ text: h.title, lang: h.lang }] : []),
    ...h.abstract,
    lang: h.lang,
    dates: dropUndefined({
      filing: isoDate(h.filing),
      publication: isoDate(h.publication),
      priority: uniq(h.priorityClaims.map((p) => p.date)),
    }),
    ...(h.applicationNumber ? { applicationNumber: h.applicationNumber } : {}),
    priorityClaims: h.priorityClaims,
  };
}
