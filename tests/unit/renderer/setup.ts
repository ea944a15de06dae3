// IndexedDB does not exist in happy-dom; fake-indexeddb is a complete in-memory implementation.
import 'fake-indexeddb/auto';
