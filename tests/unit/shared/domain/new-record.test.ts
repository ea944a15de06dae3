import { describe, expect, it } from 'vitest';
import { newRecord, revised } from '@shared/domain/new-record';
import { changedFields, personSchema } from '@shared/domain/records';

describe('new records', () => {
  it('fills every schema default, so callers give only what they know', () => {
    const p = newRecord(
      'persons',
      { id: '00000000-0000-4000-8000-000000000001', role: 'witness', nameLatin: 'Witness K' },
      'Layla',
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(personSchema.parse(p)).toEqual(p);
    expect(p).toMatchObject({
      aliases: [],
      fatherName: '',
      birthDate: null,
      mergedInto: null,
      protectionLevel: 'none',
    });
    expect(p).toMatchObject({
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      author: 'Layla',
    });
  });

  it('refuses input the schema refuses, before anything is written', () => {
    expect(() =>
      newRecord('persons', { id: 'not-a-uuid', role: 'witness', nameLatin: 'X' }, 'Layla', new Date()),
    ).toThrow();
    expect(() =>
      newRecord('persons', { id: '00000000-0000-4000-8000-000000000001', role: 'witness' }, 'Layla', new Date()),
    ).toThrow(/name-required/);
  });

  it('revises a stored record: the patch applied, updatedAt moved, id, creation and author kept', () => {
    const p = newRecord(
      'persons',
      { id: '00000000-0000-4000-8000-000000000001', role: 'witness', nameLatin: 'K' },
      'Omar',
      '2026-01-01T00:00:00.000Z',
    );
    expect(revised(p, { pseudonym: 'Witness K' }, '2026-12-01T10:00:00.000Z')).toEqual({
      ...p,
      pseudonym: 'Witness K',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
  });
});

describe('changed fields', () => {
  it('names what changed, and not a difference in key order alone', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] };
    const reordered = { content: [{ content: [{ text: 'x', type: 'text' }], type: 'paragraph' }], type: 'doc' };
    expect(changedFields({ content: doc, a: 1 }, { content: reordered, a: 1 })).toEqual([]);
    expect(changedFields({ content: doc, a: 1 }, { content: reordered, a: 2 })).toEqual(['a']);
    expect(changedFields(null, { a: null, b: 'x' })).toEqual(['a', 'b']);
    expect(changedFields({ a: 1, gone: 'x' }, { a: 1 })).toEqual(['gone']);
  });
});
