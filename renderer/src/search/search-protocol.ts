import type { Committed } from '../db/record-store';
import type { SearchHit } from './search-index';
import type { PersonProfile, FieldScore, Band } from '@shared/names/person-match';
import type { Person, TracingRequest } from '@shared/domain/records';

/** What the matcher needs of a person being written (a draft need not be saved yet). */
export type PersonLike = Pick<
  Person,
  'nameAr' | 'nameLatin' | 'aliases' | 'fatherName' | 'motherName' | 'sex' | 'ids' | 'birthPlaceId' | 'birthDate'
>;

/** A candidate with what a person needs to judge it. */
export interface CandidateView {
  id: string;
  score: number;
  band: Band;
  fields: FieldScore[];
  nameAr: string;
  nameLatin: string;
  fatherName: string;
  motherName: string;
  birthYear: number | null;
  role: Person['role'];
  caseId: string | null;
  reference: string | null;
}

/** A person named in a list: who, and which case to open. */
export interface PersonRef {
  id: string;
  nameAr: string;
  nameLatin: string;
  caseId: string | null;
  reference: string | null;
}

export type ToSearch =
  | { type: 'open'; key: CryptoKey; dbName: string }
  | { type: 'changes'; changes: Committed[] }
  | { type: 'search'; reqId: number; query: string; limitPerKind: number }
  | { type: 'match-person'; reqId: number; person: PersonLike; exclude: string[] }
  | { type: 'match-tracing'; reqId: number; request: TracingRequest; exclude: string[] }
  | { type: 'match-many'; reqId: number; profiles: PersonProfile[] | PersonLike[] }
  | { type: 'merge-info'; reqId: number; personId: string };

export type FromSearch =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready'; ms: number; documents: number; persons: number }
  | { type: 'failed'; message: string }
  | { type: 'hits'; reqId: number; hits: SearchHit[] }
  | { type: 'candidates'; reqId: number; candidates: CandidateView[] }
  | { type: 'many'; reqId: number; best: Array<CandidateView | null> }
  | { type: 'merge-info'; reqId: number; into: PersonRef | null; others: PersonRef[] };
