// The little of PouchDB's HTTP client that Athar uses, typed here: @types/pouchdb-core declares a global
// `Buffer` that breaks Node's own in the tests' types.
declare module 'pouchdb-core' {
  interface BulkResult {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: string | boolean;
    status?: number;
    message?: string;
  }
  interface AllDocsRow {
    key: string;
    id?: string;
    error?: string;
    value?: { rev: string; deleted?: boolean };
  }
  interface ChangesResult {
    results: Array<{ id: string; seq: string | number; deleted?: boolean; doc?: unknown }>;
    last_seq: string | number;
  }
  interface RemoteDatabase {
    changes(options: { since: string | number; limit: number; include_docs: true }): Promise<ChangesResult>;
    bulkDocs(docs: object[]): Promise<BulkResult[]>;
    allDocs(options: { keys: string[] }): Promise<{ rows: AllDocsRow[] }>;
    /** Rejects with `{ status: 404 }` for a document the server does not have. */
    get(id: string): Promise<unknown>;
    /** An attachment's bytes: a Blob from the browser's fetch (and from Node's). */
    getAttachment(id: string, name: string): Promise<Blob>;
    close(): Promise<void>;
  }
  interface RemoteOptions {
    adapter: 'http';
    skip_setup: boolean;
    auth: { username: string; password: string };
    fetch(url: string | Request, opts?: RequestInit): Promise<Response>;
  }
  interface PouchStatic {
    new (name: string, options: RemoteOptions): RemoteDatabase;
    plugin(plugin: unknown): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export type { RemoteDatabase, BulkResult, ChangesResult };
  export default PouchDB;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
