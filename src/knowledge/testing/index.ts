/**
 * The contract suite every `KnowledgeStore` adapter runs in its own tests (imports vitest; not
 * part of the root `tandem-cx` entry).
 *
 * @module knowledge/testing
 */
export {
  describeKnowledgeStore,
  type KnowledgeStoreFactory,
  type KnowledgeStoreFactoryContext,
} from './describeKnowledgeStore';
