import type { ListFormat, ListProblem } from '@shared/sanctions/designation';
import type { ParsedList } from '@shared/sanctions/read-list';

/** Messages between the sanctions-list worker and the page. */
export type ToWorker =
  { type: 'parse'; jobId: string; format: ListFormat; files: File[] } | { type: 'cancel'; jobId: string };

export interface ListRefusal {
  problem: ListProblem | 'unreadable';
  line?: number;
  element?: string;
  field?: string;
  detail?: string;
}

export type FromWorker =
  | { type: 'progress'; jobId: string; done: number; total: number }
  | { type: 'parsed'; jobId: string; list: ParsedList; sha256: string }
  | { type: 'failed'; jobId: string; refusal: ListRefusal }
  | { type: 'cancelled'; jobId: string };
