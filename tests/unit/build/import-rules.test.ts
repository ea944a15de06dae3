import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they stood at a path in the tree: the import rules must reject wrong layering.
const eslint = new ESLint({ cwd: process.cwd() });
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import rules (ARCHITECTURE.md)', () => {
  it('keeps Node, Electron, React and the DOM out of shared/', async () => {
    expect(
      await problems('shared/domain/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n"),
    ).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('shared/domain/x.ts', "import path from 'path';\nexport const a = path;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await problems('shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(
      await problems('shared/domain/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"),
    ).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await problems('shared/domain/x.ts', 'export const a = () => window.location.href;\n')).toEqual([
      expect.stringContaining('no-restricted-globals'),
    ]);
    expect(await problems('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n")).toEqual(
      [],
    );
  }, 30_000);

  it('keeps Node and Electron out of the renderer, and window.api inside src/platform', async () => {
    expect(
      await problems(
        'renderer/src/features/x.ts',
        "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'renderer/src/features/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(await problems('renderer/src/features/x.ts', 'export const a = () => window.api;\n')).toEqual([
      expect.stringContaining('no-restricted-syntax'),
    ]);
    expect(await problems('renderer/src/platform/x.ts', 'export const a = () => window.api;\n')).toEqual([]);
    expect(
      await problems(
        'renderer/src/features/x.ts',
        "import { openJson } from '@shared/crypto/envelope';\nexport const a = openJson;\n",
      ),
    ).toEqual([]);
  }, 30_000);

  it('lets the preload import only the IPC contract and electron', async () => {
    expect(
      await problems(
        'electron/preload/x.ts',
        "import { caseSchema } from '../../shared/domain/records';\nexport const a = caseSchema;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'electron/preload/x.ts',
        "import { caseSchema } from '@shared/domain/records';\nexport const a = caseSchema;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'electron/preload/x.ts',
        "import { contract } from '@shared/ipc/contract';\nexport const a = contract;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'electron/preload/x.ts',
        "import { contract } from '../../shared/ipc/contract';\nexport const a = contract;\n",
      ),
    ).toEqual([]);
  }, 30_000);
});
