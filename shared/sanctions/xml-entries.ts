import { SaxesParser, type SaxesTagNS } from 'saxes';
import { LIMITS, ListFormatError } from './designation';

/** One element of an entry, with the line it starts on, for the errors that name it. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export const kids = (n: XmlNode | undefined, name: string): XmlNode[] =>
  n ? n.children.filter((c) => c.name === name) : [];
export const kid = (n: XmlNode | undefined, name: string): XmlNode | undefined =>
  n?.children.find((c) => c.name === name);
export const textOf = (n: XmlNode | undefined, name?: string): string =>
  ((name ? kid(n, name) : n)?.text ?? '').replace(/\s+/g, ' ').trim();
export const attr = (n: XmlNode | undefined, name: string): string =>
  (n?.attrs[name] ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads an XML list as a stream, handing over each entry (an element named in `entries`, at any depth) as a
 * small tree, then forgetting it: a 100 MB list never stands in memory as one document. The root must be the
 * one the format names. Entities are never fetched and a DOCTYPE is refused, so a file cannot reach out or
 * expand itself (saxes resolves no external entity, and without a DOCTYPE there is no internal one).
 */
export async function readXmlEntries(
  chunks: AsyncIterable<string>,
  opts: {
    root: string;
    /** The namespace the root must carry, when the format has one. */
    namespace?: string;
    entries: readonly string[];
    onRoot?: (attrs: Record<string, string>) => void;
    onEntry: (node: XmlNode) => void;
    signal?: AbortSignal;
  },
): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let inEntry = 0;
  let nodes = 0;
  let chars = 0;
  let sawRoot = false;
  const fail = (problem: 'malformed' | 'not-this-format' | 'too-large', detail?: string, element?: string): never => {
    throw new ListFormatError(problem, { line: parser.line, element, detail });
  };
  parser.on('doctype', () => fail('malformed', 'DOCTYPE'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth > LIMITS.xmlDepth) fail('too-large', 'depth', tag.local);
    if (depth === 1) {
      if (tag.local !== opts.root || (opts.namespace !== undefined && tag.uri !== opts.namespace))
        fail('not-this-format', tag.uri ? `{${tag.uri}}${tag.local}` : tag.local, tag.local);
      sawRoot = true;
      opts.onRoot?.(plainAttrs(tag));
      return;
    }
    if (!stack.length && !opts.entries.includes(tag.local)) return;
    if (++nodes > LIMITS.nodesPerEntry) fail('too-large', undefined, stack[0]?.name ?? tag.local);
    const attrs = plainAttrs(tag);
    for (const v of Object.values(attrs)) chars += v.length;
    if (chars > LIMITS.charsPerEntry) fail('too-large', undefined, stack[0]?.name ?? tag.local);
    const node: XmlNode = { name: tag.local, attrs, children: [], text: '', line: parser.line };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    inEntry++;
  });
  const addText = (t: string): void => {
    const top = stack.at(-1);
    if (!top) return;
    chars += t.length;
    if (top.text.length + t.length > LIMITS.textChars * 5 || chars > LIMITS.charsPerEntry)
      fail('too-large', undefined, top.name);
    top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    depth--;
    if (!inEntry) return;
    const node = stack.pop()!;
    inEntry--;
    if (!stack.length) {
      nodes = 0;
      chars = 0;
      opts.onEntry(node);
    }
  });
  parser.on('error', (e: Error) => {
    throw new ListFormatError('malformed', { line: parser.line, detail: e.message.replace(/^.*?:\d+:\d+: /, '') });
  });
  let read = 0;
  for await (const chunk of chunks) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('Aborted', 'AbortError');
    read += chunk.length;
    if (read > LIMITS.xmlBytes) fail('too-large', 'size');
    parser.write(chunk);
  }
  parser.close();
  if (!sawRoot) throw new ListFormatError('not-this-format');
}

function plainAttrs(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) out[a.local] = a.value;
  return out;
}
