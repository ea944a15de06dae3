/**
 * BagIt 1.0 (RFC 8493) for Athar's evidence packages and backups: the tag
 * files, manifests in the `sha256sum`/`sha512sum` format, and a verifier
 * that checks a bag completely. `sha256sum -c` alone is not a validator (it
 * passes extra files and follows `../`), so the verifier also refuses
 * missing and extra files and every unsafe path.
 */
export type Algorithm = 'sha256' | 'sha512';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** The detached OpenPGP signature of the tag manifest: it cannot be listed in what it signs, so it is the one tag file outside the manifests. */
export const SIGNATURE_FILE = 'tagmanifest-sha512.txt.asc';

export type UnsafePath = 'empty' | 'absolute' | 'dot-segment' | 'percent' | 'line-break' | 'backslash' | 'control';

/** Why a path may not appear in a package, or null if it may. Paths use '/' and are relative to the bag's root. */
export function unsafePath(path: string): UnsafePath | null {
  if (!path) return 'empty';
  if (/[\r\n]/.test(path)) return 'line-break';
  // RFC 8493 percent-encodes CR, LF and %; Athar never writes them, so any % is refused rather than decoded.
  if (path.includes('%')) return 'percent';
  if (path.includes('\\')) return 'backslash';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return 'absolute';
  if (path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return 'dot-segment';
  return null;
}

export interface ManifestEntry {
  path: string;
  digest: string;
}

/** A manifest as `sha256sum -c` reads it: "<hex>  <path>" per line, sorted by path. */
export function manifestText(entries: ManifestEntry[]): string {
  for (const e of entries) {
    const bad = unsafePath(e.path);
    if (bad) throw new Error(`unsafe path (${bad}): ${JSON.stringify(e.path)}`);
  }
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.digest}  ${e.path}\n`)
    .join('');
}

export type ManifestProblem = { line: number; reason: 'malformed' | 'unsafe-path' | 'duplicate'; detail: string };

/** Reads a manifest strictly; any malformed line, unsafe path or repeated path is a problem, named by line. */
export function parseManifest(
  text: string,
  algorithm: Algorithm,
): { ok: true; entries: ManifestEntry[] } | { ok: false; problem: ManifestProblem } {
  const hexLength = algorithm === 'sha256' ? 64 : 128;
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const m = new RegExp(`^([0-9a-f]{${hexLength}}) [ *](.+)$`).exec(lines[i]!);
    if (!m) return { ok: false, problem: { line: i + 1, reason: 'malformed', detail: lines[i]!.slice(0, 80) } };
    const path = m[2]!;
    if (unsafePath(path)) return { ok: false, problem: { line: i + 1, reason: 'unsafe-path', detail: path } };
    if (seen.has(path)) return { ok: false, problem: { line: i + 1, reason: 'duplicate', detail: path } };
    seen.add(path);
    entries.push({ path, digest: m[1]! });
  }
  return { ok: true, entries };
}

/** bag-info.txt: "Label: value" lines; values on one line. */
export function bagInfoText(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export function payloadOxum(totalBytes: number, fileCount: number): string {
  return `${totalBytes}.${fileCount}`;
}

export type BagProblem =
  | { reason: 'missing-tag-file'; file: string }
  | { reason: 'bad-manifest'; file: string; line: number; detail: string }
  | { reason: 'unsafe-path'; file: string }
  | { reason: 'missing-file'; file: string }
  | { reason: 'extra-file'; file: string }
  | { reason: 'digest-mismatch'; file: string; algorithm: Algorithm }
  | { reason: 'oxum-mismatch'; file: string };

/** What the verifier needs of a bag: its file list, each file's text or digests. Streams in the app, maps in tests. */
export interface BagReader {
  paths(): string[];
  text(path: string): Promise<string>;
  digest(path: string, algorithm: Algorithm): Promise<string>;
  size(path: string): Promise<number>;
}

/**
 * Verifies a bag completely: the tag files exist; every manifest line is
 * well formed with a safe path; every payload file is listed in every
 * payload manifest and no listed file is missing; every digest matches; the
 * tag manifest covers the tag files; Payload-Oxum agrees. The first problem
 * found is returned, with the file it concerns.
 */
export async function verifyBag(
  bag: BagReader,
): Promise<{ ok: true; payloadFiles: number } | { ok: false; problem: BagProblem }> {
  const present = bag.paths();
  for (const p of present) if (unsafePath(p)) return { ok: false, problem: { reason: 'unsafe-path', file: p } };
  const has = new Set(present);
  for (const f of [
    'bagit.txt',
    'bag-info.txt',
    'manifest-sha256.txt',
    'manifest-sha512.txt',
    'tagmanifest-sha512.txt',
  ]) {
    if (!has.has(f)) return { ok: false, problem: { reason: 'missing-tag-file', file: f } };
  }
  const payload = present.filter((p) => p.startsWith('data/'));
  for (const algorithm of ['sha256', 'sha512'] as const) {
    const file = `manifest-${algorithm}.txt`;
    const parsed = parseManifest(await bag.text(file), algorithm);
    if (!parsed.ok)
      return {
        ok: false,
        problem: {
          reason: parsed.problem.reason === 'unsafe-path' ? 'unsafe-path' : 'bad-manifest',
          file,
          line: parsed.problem.line,
          detail: parsed.problem.detail,
        } as BagProblem,
      };
    const listed = new Set(parsed.entries.map((e) => e.path));
    for (const e of parsed.entries) {
      if (!e.path.startsWith('data/')) return { ok: false, problem: { reason: 'unsafe-path', file: e.path } };
      if (!has.has(e.path)) return { ok: false, problem: { reason: 'missing-file', file: e.path } };
    }
    for (const p of payload) if (!listed.has(p)) return { ok: false, problem: { reason: 'extra-file', file: p } };
    for (const e of parsed.entries)
      if ((await bag.digest(e.path, algorithm)) !== e.digest)
        return { ok: false, problem: { reason: 'digest-mismatch', file: e.path, algorithm } };
  }
  const tag = parseManifest(await bag.text('tagmanifest-sha512.txt'), 'sha512');
  if (!tag.ok)
    return {
      ok: false,
      problem: {
        reason: 'bad-manifest',
        file: 'tagmanifest-sha512.txt',
        line: tag.problem.line,
        detail: tag.problem.detail,
      },
    };
  const tagListed = new Set(tag.entries.map((e) => e.path));
  for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt'])
    if (!tagListed.has(f)) return { ok: false, problem: { reason: 'missing-file', file: f } };
  for (const e of tag.entries) {
    if (e.path.startsWith('data/') || !has.has(e.path))
      return { ok: false, problem: { reason: 'missing-file', file: e.path } };
    if ((await bag.digest(e.path, 'sha512')) !== e.digest)
      return { ok: false, problem: { reason: 'digest-mismatch', file: e.path, algorithm: 'sha512' } };
  }
  // Any other file outside data/ must be a tag file the tag manifest lists.
  for (const p of present)
    if (!p.startsWith('data/') && p !== 'tagmanifest-sha512.txt' && p !== SIGNATURE_FILE && !tagListed.has(p))
      return { ok: false, problem: { reason: 'extra-file', file: p } };
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(await bag.text('bag-info.txt'));
  if (oxum) {
    let total = 0;
    for (const p of payload) total += await bag.size(p);
    if (Number(oxum[1]) !== total || Number(oxum[2]) !== payload.length)
      return { ok: false, problem: { reason: 'oxum-mismatch', file: 'bag-info.txt' } };
  }
  return { ok: true, payloadFiles: payload.length };
}
