import type { ReactNode } from 'react';
import type { Block, PrintModel } from '@shared/print/summary';
import '../../components/print-doc.css';

/** Escapes text for a CSS string in generated @page rules. */
const cssString = (s: string): string =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\n\r]/g, ' ')}"`;

/**
 * One printed summary. Every page carries the case reference and print date
 * (bottom), the page number (bottom, other side) and, when chosen,
 * "confidential" (bottom centre): CSS margin boxes on a page named for this document,
 * so a batch of cases keeps each case's reference on its own pages.
 */
export function PrintDocument({
  model,
  index,
  labels,
  photoUrl,
}: {
  model: PrintModel;
  index: number;
  labels: { page: string; of: string; printedOn: string; confidential: string; photo: string };
  photoUrl?: string | null;
}): ReactNode {
  const pageName = `athar-doc-${index}`;
  const footer = `${model.footer.reference} · ${labels.printedOn}`;
  const rules = `@media print {
  .${pageName} { page: ${pageName}; }
  @page ${pageName} {
    @bottom-left { content: ${cssString(model.dir === 'rtl' ? `${labels.page} ` : footer)}${model.dir === 'rtl' ? ` counter(page) ${cssString(` ${labels.of} `)} counter(pages)` : ''}; font: 8.5pt 'Athar Print Latin', 'Athar Print Arabic', sans-serif; color: #444; }
    @bottom-right { content: ${model.dir === 'rtl' ? cssString(footer) : `${cssString(`${labels.page} `)} counter(page) ${cssString(` ${labels.of} `)} counter(pages)`}; font: 8.5pt 'Athar Print Latin', 'Athar Print Arabic', sans-serif; color: #444; }
    ${model.footer.confidential ? `@bottom-center { content: ${cssString(labels.confidential)}; font: 700 9pt 'Athar Print Latin', 'Athar Print Arabic', sans-serif; color: #a00; letter-spacing: 0.1em; }` : ''}
  }
}`;
  return (
    <article className={`print-doc ${pageName}`} dir={model.dir} lang={model.language} aria-label={model.title}>
      <style>{rules}</style>
      {model.photoDocumentId && photoUrl && <img className="photo" src={photoUrl} alt={labels.photo} />}
      <h1>{model.title}</h1>
      <div className="meta">
        <span dir="ltr">{model.reference}</span> · {model.profileLabel} · {labels.printedOn}
        {model.footer.confidential ? ` · ${labels.confidential}` : ''}
      </div>
      {model.sections.map((s) => (
        <section key={s.id} data-section={s.id} aria-label={s.heading}>
          <h2>{s.heading}</h2>
          {s.blocks.map((b, i) => (
            <BlockView key={i} block={b} />
          ))}
        </section>
      ))}
    </article>
  );
}

/**
 * Every value is isolated from the text around it (a Latin name in an Arabic page, a year, a reference), and sits
 * at the start side of the page's direction, beside its label: a value's own script never pulls it to the far edge.
 */
function BlockView({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case 'fields':
      return (
        <dl>
          {block.rows.map((r, i) => (
            <div key={i} style={{ display: 'contents' }}>
              <dt>{r.label}</dt>
              <dd>
                <bdi>{r.value}</bdi>
              </dd>
            </div>
          ))}
        </dl>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((x, i) => (
            <li key={i}>
              <bdi>{x}</bdi>
            </li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.head.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>
                    <bdi>{c}</bdi>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'paragraph':
      return <p className="plain">{block.text}</p>;
    case 'withheld':
      return (
        <div className="withheld" role="note">
          {block.text}
        </div>
      );
  }
}
