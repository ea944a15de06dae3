import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they stood at a path in the tree: the import rules must reject wrong layering.
// The snippets are not files of any tsconfig, so the type-aware rules are off here (tested below on their own).
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked as Linter.Config });
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// The type-aware rules, on snippets typed as if they were renderer files.
const typed = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['tests/unit/build/probe-*.ts'],
          defaultProject: 'tsconfig.renderer.json',
        },
      },
    },
  },
});
async function typedProblems(code: string): Promise<string[]> {
  const [result] = await typed.lintText(code, { filePath: 'tests/unit/build/probe-typed.ts' });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import rules (docs/architecture.md)', () => {
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
        "import { caseSchema } from '@shared/domain/records';\nexport const a = caseSchema;\n",
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

  it("keeps features out of the renderer's core, and lets a page compose features", async () => {
    const fromFeature = "import { caseDraft } from '../features/cases/case-draft';\nexport const a = caseDraft;\n";
    for (const core of [
      'session',
      'components',
      'db',
      'workers',
      'search',
      'package',
      'settings',
      'evidence-files',
      'sync',
    ])
      expect(await problems(`renderer/src/${core}/x.ts`, fromFeature), core).toEqual([
        expect.stringContaining("The renderer's core never imports a feature"),
      ]);
    expect(
      await problems(
        'renderer/src/components/X.tsx',
        "import { CasePage } from '../features/cases/CasePage';\nexport const a = CasePage;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'renderer/src/features/cases/x.ts',
        "import { EventsPanel } from '../events/EventsPanel';\nexport const a = EventsPanel;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'renderer/src/app/x.ts',
        "import { CasePage } from '../features/cases/CasePage';\nexport const a = CasePage;\n",
      ),
    ).toEqual([]);
  }, 30_000);

  it('lets only db/ and the workers read tables or seal rows', async () => {
    const seal = "import { sealJson } from '@shared/crypto/envelope';\nexport const a = sealJson;\n";
    const schema = "import { AtharDb } from '../db/schema';\nexport const a = new AtharDb();\n";
    expect(await problems('renderer/src/features/backup/x.ts', seal)).toEqual([expect.stringContaining('Only db/')]);
    expect(await problems('renderer/src/session/x.ts', schema)).toEqual([expect.stringContaining('Only db/')]);
    expect(
      await problems('renderer/src/features/x.ts', "import Dexie from 'dexie';\nexport const a = Dexie;\n"),
    ).toHaveLength(1);
    expect(
      await problems(
        'renderer/src/session/x.ts',
        "import type { AtharDb } from '../db/schema';\nexport type A = AtharDb;\n",
      ),
    ).toEqual([]);
    expect(await problems('renderer/src/db/x.ts', seal)).toEqual([]);
    expect(await problems('renderer/src/workers/x.ts', schema)).toEqual([]);
  }, 30_000);

  it('refuses unhandled promises and switches that miss a case', async () => {
    expect(await typedProblems('export async function f(): Promise<void> {}\nf();\n')).toEqual([
      expect.stringContaining('no-floating-promises'),
    ]);
    expect(await typedProblems('export async function f(): Promise<void> {}\nvoid f();\n')).toEqual([]);
    expect(
      await typedProblems(
        'export async function f(): Promise<void> {}\nexport const b = { onClick: f } as { onClick: () => void };\nexport const c: Array<() => void> = [f];\n',
      ),
    ).toEqual([expect.stringContaining('no-misused-promises')]);
    const sw = (cases: string) =>
      `export function f(k: 'a' | 'b'): number {\n  switch (k) {\n${cases}  }\n  return 0;\n}\n`;
    expect(await typedProblems(sw("    case 'a':\n      return 1;\n"))).toEqual([
      expect.stringContaining('switch-exhaustiveness-check'),
    ]);
    expect(await typedProblems(sw("    case 'a':\n      return 1;\n    case 'b':\n      return 2;\n"))).toEqual([]);
  }, 60_000);
});
