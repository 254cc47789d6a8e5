// Types for the parts of the untyped @natlibfi MARC packages libkg uses.
declare module '@natlibfi/marc-record' {
  export interface MarcValidationOptions {
    fields?: boolean;
    subfields?: boolean;
    subfieldValues?: boolean;
    controlFieldValues?: boolean;
    characters?: boolean;
    noControlCharacters?: boolean;
    noFailValidation?: boolean;
  }
  export interface NatlibfiControlField {
    tag: string;
    value?: string;
  }
  export interface NatlibfiDataField {
    tag: string;
    ind1: string;
    ind2: string;
    subfields: { code: string; value?: string }[];
  }
  export type NatlibfiField = NatlibfiControlField | NatlibfiDataField;
  export class MarcRecord {
    constructor(record?: { leader: string; fields: NatlibfiField[] }, validationOptions?: MarcValidationOptions);
    leader: string;
    fields: NatlibfiField[];
  }
  export class MarcRecordError extends Error {
    validationResults?: { errors: { stack?: string; toString(): string }[] };
  }
}

declare module '@natlibfi/marc-record-serializers' {
  import type { MarcRecord, MarcValidationOptions } from '@natlibfi/marc-record';
  export const ISO2709: {
    from(record: string, validationOptions?: MarcValidationOptions): MarcRecord;
  };
  export const MARCXML: {
    reader(stream: NodeJS.ReadableStream, validationOptions?: MarcValidationOptions, nameSpace?: string): import('node:events').EventEmitter;
  };
}
