import type { z } from 'zod';
import { personFieldsSchema, RECORD_SCHEMAS, type PersonFields, type RecordOf, type RecordTable } from './records';

/** What a caller gives for a new record: its id and the fields it sets; the schema's defaults fill the rest. */
export type NewRecordInput<T extends RecordTable> = Omit<
  z.input<(typeof RECORD_SCHEMAS)[T]>,
  'createdAt' | 'updatedAt' | 'author'
>;

/**
 * A new record of a table, complete and valid: timestamps and author set,
 * every field the caller left out at its schema default. Throws (zod) if
 * the input breaks the schema, before anything is written.
 */
export function newRecord<T extends RecordTable>(
  table: T,
  input: NewRecordInput<T>,
  actor: string,
  now: Date | string,
): RecordOf<T> {
  const at = typeof now === 'string' ? now : now.toISOString();
  return RECORD_SCHEMAS[table].parse({ ...input, createdAt: at, updatedAt: at, author: actor }) as RecordOf<T>;
}

/** A stored record changed by a person now: the patch applied and `updatedAt` moved; id, creation and author kept. */
export function revised<R extends { updatedAt: string }>(record: R, patch: Partial<R>, now: Date | string): R {
  return { ...record, ...patch, updatedAt: typeof now === 'string' ? now : now.toISOString() };
}

/** A person's descriptive fields for a record not yet made (a case's subject, a listed name): what is given, defaults for the rest. */
export function personFields(given: Partial<PersonFields>): PersonFields {
  return personFieldsSchema.parse(given);
}
