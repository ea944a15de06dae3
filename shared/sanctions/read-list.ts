import { collect, type Designation, type ListFormat, type ListMeta } from './designation';
import { parseAuXlsx } from './au-xlsx';
import { parseCaXml } from './ca-xml';
import { parseChXml } from './ch-xml';
import { parseEuFsfXml } from './eu-xml';
import { parseFrJson } from './fr-json';
import { parseOfacSdnCsv, type OfacCsvFiles } from './ofac-csv';
import { parseOfacSdnXml } from './ofac-xml';
import type { ListRows } from './table-columns';
import { parseUkCsv } from './uk-csv';

/** A list file as its format needs it: XML as a stream of text, CSV and JSON as text, a spreadsheet as rows. */
export type ListInput =
  | { format: 'ofac-sdn-xml' | 'eu-fsf-xml' | 'ca-xml' | 'ch-xml'; chunks: AsyncIterable<string> }
  | { format: 'ofac-sdn-csv'; files: OfacCsvFiles }
  | { format: 'uk-csv' | 'au-xlsx'; table: ListRows }
  | { format: 'fr-json'; text: string };

export interface ParsedList {
  meta: ListMeta;
  designations: Designation[];
}

/** Reads a whole list, or refuses it with the line and element at fault; nothing is kept from a refused file. */
export async function parseList(input: ListInput, signal?: AbortSignal): Promise<ParsedList> {
  const { sink, result } = collect();
  switch (input.format) {
    case 'ofac-sdn-xml':
      await parseOfacSdnXml(input.chunks, sink, signal);
      break;
    case 'eu-fsf-xml':
      await parseEuFsfXml(input.chunks, sink, signal);
      break;
    case 'ca-xml':
      await parseCaXml(input.chunks, sink, signal);
      break;
    case 'ch-xml':
      await parseChXml(input.chunks, sink, signal);
      break;
    case 'ofac-sdn-csv':
      parseOfacSdnCsv(input.files, sink);
      break;
    case 'uk-csv':
      parseUkCsv(input.table, sink);
      break;
    case 'au-xlsx':
      parseAuXlsx(input.table, sink);
      break;
    case 'fr-json':
      parseFrJson(input.text, sink);
      break;
  }
  return result();
}

/**
 * Which format a file is, from its name and its first few kilobytes: the root element of an XML list, the
 * keys of France's JSON, the columns of a CSV. Null when it is none Athar reads.
 */
export function detectListFormat(name: string, head: string): ListFormat | null {
  if (/\.xlsx$/i.test(name)) return 'au-xlsx';
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    const root = /<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[\s>/]/.exec(
      start.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, '').trimStart(),
    );
    switch (root?.[2]) {
      case 'sdnList':
        return 'ofac-sdn-xml';
      case 'export':
        return 'eu-fsf-xml';
      case 'data-set':
        return 'ca-xml';
      case 'swiss-sanctions-list':
        return 'ch-xml';
      default:
        return null;
    }
  }
  if (start.startsWith('{')) return /"Publications"/.test(start) ? 'fr-json' : null;
  if (/Unique ID|Name 6|Group ID/i.test(start.slice(0, 4096))) return 'uk-csv';
  if (/^\d+,"?[^,\n]+"?,/.test(start) || /^(sdn|alt|add)\.csv$/i.test(name)) return 'ofac-sdn-csv';
  return null;
}
