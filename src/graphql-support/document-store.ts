import type { DocumentNode } from 'graphql';
import { ByteBoundedCache } from '../common/byte-bounded-cache';
import { refusedDocuments } from './query-limits.plugin';

/** Heap Apollo's parsed and validated documents may hold together. */
export const DOCUMENT_STORE_BYTES = 16 * 1024 * 1024;
/**
 * Heap of one parsed document: measured after a full collection, GraphiQL's introspection query (1,927 characters)
 * holds ~61 KB (31.5 bytes a character) and a 32-character query ~3.4 KB; 4 KB + 40 bytes a character covers both.
 * Apollo's default store counts a document's JSON length instead, several times less than its heap.
 */
export const documentBytes = (document: DocumentNode): number => 4096 + 40 * (document.loc?.end ?? 0);

/**
 * Apollo's document cache (parsing and validation skipped for a query text seen before), bounded in bytes. It is
 * filled only with documents that passed the query limits and validation (a refused document's stand-in is never
 * kept), so an anonymous caller can only add documents of public fields (introspection, serviceInfo).
 */
export function documentStore() {
  const cache = new ByteBoundedCache<string, DocumentNode>(DOCUMENT_STORE_BYTES);
  return {
    async get(key: string): Promise<DocumentNode | undefined> {
      return cache.get(key);
    },
    async set(key: string, value: DocumentNode): Promise<void> {
      if (!refusedDocuments.has(value)) cache.set(key, value, documentBytes(value));
    },
    async delete(key: string): Promise<boolean | void> {
      cache.delete(key);
    },
  };
}
