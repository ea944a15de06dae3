import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, useEditorState, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { ActionIcon, Group, Paper, Text, Tooltip } from '@mantine/core';
import type { RichText } from '../../../shared/domain/records';
import classes from './RichTextEditor.module.css';

interface Props { value: RichText; onChange: (doc: RichText) => void; label: string }

/**
 * Tiptap with the formatting caseworkers need for a case summary. The
 * document is kept as ProseMirror JSON; links are off because nothing in the
 * app may reach out to the web.
 */
export function RichTextEditor({ value, onChange, label }: Props): ReactNode {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: false, heading: { levels: [2, 3] } })],
    content: value as JSONContent,
    editorProps: { attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', dir: 'auto', class: classes.content ?? '' } },
    onUpdate: ({ editor: e }) => onChange(e.getJSON() as RichText),
  });

  // Replace the content only when it changes from outside (a reload), not on our own typing.
  useEffect(() => {
    if (editor && JSON.stringify(editor.getJSON()) !== JSON.stringify(value)) editor.commands.setContent(value as JSONContent, { emitUpdate: false });
  }, [editor, value]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false, italic: e?.isActive('italic') ?? false, heading: e?.isActive('heading', { level: 2 }) ?? false,
      bulletList: e?.isActive('bulletList') ?? false, orderedList: e?.isActive('orderedList') ?? false, quote: e?.isActive('blockquote') ?? false,
    }),
  });

  const buttons = [
    { key: 'bold', glyph: 'B', run: () => editor?.chain().focus().toggleBold().run() },
    { key: 'italic', glyph: 'I', run: () => editor?.chain().focus().toggleItalic().run() },
    { key: 'heading', glyph: 'H', run: () => editor?.chain().focus().toggleHeading({ level: 2 }).run() },
    { key: 'bulletList', glyph: '•', run: () => editor?.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', glyph: '1.', run: () => editor?.chain().focus().toggleOrderedList().run() },
    { key: 'quote', glyph: '❝', run: () => editor?.chain().focus().toggleBlockquote().run() },
  ] as const;

  return (
    <Paper withBorder radius="sm">
      <Text component="div" size="sm" fw={500} px="sm" pt="xs">{label}</Text>
      <Group gap={4} p={6} role="toolbar" aria-label={t('editor.toolbar')}>
        {buttons.map((b) => (
          <Tooltip key={b.key} label={t(`editor.${b.key}`)}>
            <ActionIcon variant={active?.[b.key] ? 'filled' : 'subtle'} aria-label={t(`editor.${b.key}`)} aria-pressed={active?.[b.key] ?? false} onClick={b.run}>
              <span aria-hidden>{b.glyph}</span>
            </ActionIcon>
          </Tooltip>
        ))}
      </Group>
      <EditorContent editor={editor} />
    </Paper>
  );
}
