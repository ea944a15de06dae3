import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Mention from '@tiptap/extension-mention';
import Highlight from '@tiptap/extension-highlight';
import { mentionSuggestion, type MentionItem } from './mention-suggestion';
import { ActionIcon, Group, Paper, Text } from '@mantine/core';
import type { RichText } from '@shared/domain/records';
import classes from './RichTextEditor.module.css';
import './mention-list.css';

const EXTENSIONS = [StarterKit.configure({ link: false, heading: { levels: [2, 3] } }), Highlight];

/** Documents stored before they had a block (or imported) get an empty paragraph to type into. */
function withBlock(doc: RichText): JSONContent {
  return doc.content?.length ? (doc as JSONContent) : { type: 'doc', content: [{ type: 'paragraph' }] };
}

interface Props {
  value: RichText;
  onChange: (doc: RichText) => void;
  label: string;
  /** When given, @ opens a picker of records to mention (persons, places, events); a mention's id is `table:id`. */
  mentionItems?: (query: string) => MentionItem[];
}

/**
 * Tiptap with the formatting caseworkers need for a case summary. The
 * document is kept as ProseMirror JSON; links are off because nothing in the
 * app may reach out to the web.
 */
export function RichTextEditor({ value, onChange, label, mentionItems }: Props): ReactNode {
  const { t } = useTranslation();
  // The last document we emitted or applied: only a value different from it came from outside.
  const known = useRef(JSON.stringify(value));
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const itemsRef = useRef(mentionItems);
  itemsRef.current = mentionItems;
  const withMentions = Boolean(mentionItems);
  // Options must be identical from render to render: Tiptap re-applies changed options to the live
  // editor, which dropped the first keystrokes after a stored mark (Bold on an empty line).
  const options = useMemo(
    () => ({
      extensions: withMentions
        ? [
            ...EXTENSIONS,
            Mention.configure({
              HTMLAttributes: { class: classes.mention ?? '' },
              suggestion: mentionSuggestion(() => itemsRef.current ?? (() => []), t('editor.mentionList')),
            }),
          ]
        : EXTENSIONS,
      content: withBlock(value),
      editorProps: {
        attributes: {
          'aria-label': label,
          role: 'textbox',
          'aria-multiline': 'true',
          dir: 'auto',
          class: classes.content ?? '',
        },
      },
      onUpdate: ({ editor: e }: { editor: Editor }) => {
        const doc = e.getJSON() as RichText;
        known.current = JSON.stringify(doc);
        onChangeRef.current(doc);
      },
    }),
    // Later values and translations reach the editor through the effect below, never through new options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [label, withMentions],
  );
  const editor = useEditor(options);

  // Replace the content only when the value changes from outside (a reload, a restored draft), never on our own typing.
  useEffect(() => {
    const incoming = JSON.stringify(value);
    if (!editor || incoming === known.current) return;
    known.current = incoming;
    editor.commands.setContent(withBlock(value), { emitUpdate: false });
  }, [editor, value]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      heading: e?.isActive('heading', { level: 2 }) ?? false,
      bulletList: e?.isActive('bulletList') ?? false,
      orderedList: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      highlight: e?.isActive('highlight') ?? false,
    }),
  });

  const buttons: readonly { key: keyof NonNullable<typeof active>; glyph: ReactNode; run: () => void }[] = [
    { key: 'bold', glyph: 'B', run: () => editor?.chain().focus().toggleBold().run() },
    { key: 'italic', glyph: 'I', run: () => editor?.chain().focus().toggleItalic().run() },
    { key: 'heading', glyph: 'H', run: () => editor?.chain().focus().toggleHeading({ level: 2 }).run() },
    { key: 'bulletList', glyph: '•', run: () => editor?.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', glyph: <NumberedListIcon />, run: () => editor?.chain().focus().toggleOrderedList().run() },
    { key: 'quote', glyph: '❝', run: () => editor?.chain().focus().toggleBlockquote().run() },
    { key: 'highlight', glyph: '▌', run: () => editor?.chain().focus().toggleHighlight().run() },
  ];

  return (
    <Paper withBorder radius="sm">
      <Text component="div" size="sm" fw={500} px="sm" pt="xs">
        {label}
      </Text>
      <Group gap={4} p={6} role="toolbar" aria-label={t('editor.toolbar')}>
        {buttons.map((b) => (
          <ActionIcon
            key={b.key}
            title={t(`editor.${b.key}`)}
            variant={active?.[b.key] ? 'filled' : 'subtle'}
            aria-label={t(`editor.${b.key}`)}
            aria-pressed={active?.[b.key] ?? false}
            onClick={b.run}
            // Keep focus (and the caret's pending marks) in the editor when a toolbar button is pressed.
            onMouseDown={(e) => e.preventDefault()}
          >
            <span aria-hidden>{b.glyph}</span>
          </ActionIcon>
        ))}
      </Group>
      <EditorContent editor={editor} />
    </Paper>
  );
}

/**
 * Drawn rather than typed: a button whose face reads "1." but whose name is "Numbered list" fails WCAG 2.5.3
 * (label in name), and speech-input users say the name they see.
 */
function NumberedListIcon(): ReactNode {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <path d="M11 6h9M11 12h9M11 18h9" />
      <path d="M4 5l2-1v5M4 9h4" />
      <path d="M4 15a2 2 0 1 1 4 0c0 1.5-4 2.5-4 5h4" />
    </svg>
  );
}
