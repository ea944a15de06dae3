/** The text of a ProseMirror/Tiptap document, paragraphs on their own lines; mentions by their label. */
export function plainText(doc: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string; attrs?: { label?: unknown }; content?: unknown[] };
    if (typeof n.text === 'string') out.push(n.text);
    else if (n.type === 'mention' && typeof n.attrs?.label === 'string') out.push(n.attrs.label);
    n.content?.forEach(walk);
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem') out.push('\n');
  };
  walk(doc);
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
