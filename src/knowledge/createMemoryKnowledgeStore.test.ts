import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { createMemoryKnowledgeStore } from './createMemoryKnowledgeStore';

describeKnowledgeStore('memory', ({ now }) => createMemoryKnowledgeStore({ now }));
