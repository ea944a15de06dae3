import { describe, expect, it } from 'vitest';
import { nextAuditEntry } from '@shared/crypto/audit-chain';
import type { AuditEntry } from '@shared/domain/records';
import { groupCommits } from '../../../../renderer/src/sync/outbox';

function chain(spec: Array<'unsigned' | { signedFrom: number } | 'in-commit'>): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: AuditEntry | null = null;
  for (const s of spec) {
    const e = nextAuditEntry(head, {
      at: '2026-12-04T10:00:00.000Z',
      actor: 'x',
      action: 'create',
      table: 'cases',
      recordId: crypto.randomUUID(),
      caseId: null,
      fields: [],
    });
    if (typeof s === 'object') e.sig = { from: s.signedFrom, value: '0'.repeat(128) };
    out.push(e);
    head = e;
  }
  return out;
}

const seqs = (groups: AuditEntry[][]): number[][] => groups.map((g) => g.map((e) => e.seq));

describe('which entries go to the server together', () => {
  it('sends each signed commit from the first entry its signature covers, and unsigned entries apart', () => {
    // 0, 1: from before members; 2–3: a commit; 4: a restore's own entry; 5: a commit of one entry.
    const entries = chain(['unsigned', 'unsigned', 'in-commit', { signedFrom: 2 }, 'unsigned', { signedFrom: 5 }]);
    expect(seqs(groupCommits(entries))).toEqual([[0, 1], [2, 3], [4], [5]]);
  });

  it('sends a long unsigned history in runs of bounded size, and what follows the last signature too', () => {
    const entries = chain([
      ...Array.from({ length: 1200 }, () => 'unsigned' as const),
      { signedFrom: 1200 },
      'unsigned',
    ]);
    const groups = seqs(groupCommits(entries));
    expect(groups.map((g) => g.length)).toEqual([500, 500, 200, 1, 1]);
    expect(groups.flat()).toEqual(entries.map((e) => e.seq));
  });
});
