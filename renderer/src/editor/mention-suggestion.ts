import type { SuggestionOptions, SuggestionProps } from '@tiptap/suggestion';

export interface MentionItem {
  id: string;
  label: string;
  kind: string;
}

/**
 * The @-mention picker: a small listbox placed at the caret, driven by the
 * keyboard (arrows, Enter, Escape) or the mouse. Plain DOM, because Tiptap
 * calls it outside React's tree.
 */
export function mentionSuggestion(
  items: () => (query: string) => MentionItem[],
  listLabel: string,
): Omit<SuggestionOptions<MentionItem>, 'editor'> {
  return {
    char: '@',
    // Place and person names have spaces ("Homs Central Prison").
    allowSpaces: true,
    items: ({ query }) => items()(query).slice(0, 8),
    render: () => {
      let el: HTMLDivElement | null = null;
      let selected = 0;
      let current: SuggestionProps<MentionItem> | null = null;
      const draw = (): void => {
        if (!el || !current) return;
        el.replaceChildren();
        const rect = current.clientRect?.();
        if (rect) {
          el.style.top = `${rect.bottom + 4}px`;
          el.style.insetInlineStart = document.dir === 'rtl' ? `${window.innerWidth - rect.right}px` : `${rect.left}px`;
        }
        current.items.forEach((item, i) => {
          const opt = document.createElement('div');
          opt.setAttribute('role', 'option');
          opt.setAttribute('aria-selected', String(i === selected));
          opt.dataset['selected'] = String(i === selected);
          opt.textContent = `${item.label} · ${item.kind}`;
          opt.addEventListener('mousedown', (e) => {
            e.preventDefault();
            current?.command({ id: item.id, label: item.label });
          });
          el!.appendChild(opt);
        });
        el.hidden = current.items.length === 0;
      };
      return {
        onStart: (props) => {
          current = props;
          selected = 0;
          el = document.createElement('div');
          el.className = 'athar-mention-list';
          el.setAttribute('role', 'listbox');
          el.setAttribute('aria-label', listLabel);
          document.body.appendChild(el);
          draw();
        },
        onUpdate: (props) => {
          current = props;
          selected = Math.min(selected, Math.max(0, props.items.length - 1));
          draw();
        },
        onKeyDown: ({ event }) => {
          if (!current || current.items.length === 0) return false;
          if (event.key === 'ArrowDown') {
            selected = (selected + 1) % current.items.length;
            draw();
            return true;
          }
          if (event.key === 'ArrowUp') {
            selected = (selected - 1 + current.items.length) % current.items.length;
            draw();
            return true;
          }
          if (event.key === 'Enter' || event.key === 'Tab') {
            const item = current.items[selected];
            if (item) current.command({ id: item.id, label: item.label });
            return true;
          }
          if (event.key === 'Escape') {
            el?.remove();
            el = null;
            return true;
          }
          return false;
        },
        onExit: () => {
          el?.remove();
          el = null;
          current = null;
        },
      };
    },
  };
}
