import type { z } from 'zod';
import type { Customer, Product } from '../domain/retail.js';
import type { Store } from '../store/store.js';
import type { UpsertCounts } from '../store/upsert.js';
import type { LineSpec } from './group-lines.js';
import type { RowError, SourceRecord } from './source.js';

export type EntityName = 'products' | 'customers' | 'inventory' | 'orders';

export interface Parsed<Input> {
  input: Input;
  record: SourceRecord;
}

/**
 * Records of earlier files in the same dry run, which were checked and not written: later
 * files' references to them are good (a first import checked before it is run).
 */
export interface EarlierFiles {
  products: readonly Product[];
  customers: readonly Customer[];
}

export interface Built<Doc> {
  docs: Doc[];
  errors: RowError[];
}

/** What one kind of import file needs beyond reading and validating rows. */
export interface EntityImporter<Input, Doc> {
  entity: EntityName;
  schema: z.ZodType<Input, unknown>;
  /** The retailer's id of a record; two records with one id in a file are an error. */
  keyOf(input: Input): string;
  keyName: string;
  /** For CSV, where one record spans several lines: the field that collects those lines. */
  csvLines?: LineSpec;
  /** Resolves references against the store (and `earlier`) and builds the documents to write. */
  build(
    parsed: Parsed<Input>[],
    store: Store,
    now: Date,
    earlier: EarlierFiles,
  ): Promise<Built<Doc>>;
  write(docs: Doc[], store: Store): Promise<UpsertCounts>;
}
