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

/**
 * Each question the page asks the worker, with what it sends and the one
 * kind of answer it gets back. An answer carries its question and request
 * number, so the page takes it only for the request that asked that.
 */
export interface SearchQuestions {
  search: { ask: { query: string; limitPerKind: number }; answer: { hits: SearchHit[] } };
  'match-person': { ask: { person: PersonLike; exclude: string[] }; answer: { candidates: CandidateView[] } };
  'match-tracing': { ask: { request: TracingRequest; exclude: string[] }; answer: { candidates: CandidateView[] } };
  'match-many': { ask: { profiles: PersonProfile[] | PersonLike[] }; answer: { best: Array<CandidateView | null> } };
  'merge-info': { ask: { personId: string }; answer: { into: PersonRef | null; others: PersonRef[] } };
}
export type Question = keyof SearchQuestions;
export type Ask<Q extends Question> = SearchQuestions[Q]['ask'];
export type AnswerOf<Q extends Question> = SearchQuestions[Q]['answer'];

export type QuestionMessage = { [Q in Question]: { type: Q; reqId: number } & Ask<Q> }[Question];
export type AnswerMessage = {
  [Q in Question]: { type: 'answer'; question: Q; reqId: number; answer: AnswerOf<Q> };
}[Question];

export type ToSearch =
  | { type: 'open'; key: CryptoKey; dbName: string; compartments: Array<[string, CryptoKey]> }
  | { type: 'changes'; changes: Committed[] }
  | QuestionMessage;

export type FromSearch =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready'; ms: number; documents: number; persons: number }
  | { type: 'failed'; message: string }
  | AnswerMessage;
