/**
 * Shared domain model: zod schemas and types for messages, conversations, customers, agents and
 * tickets; the {@link TandemError} type; duration parsing.
 *
 * @module model
 */
export { type DurationInput, DurationSchema, parseDuration } from './duration';
export {
  formatPath,
  parseWithSchema,
  TandemError,
  type TandemErrorCode,
  type TandemErrorOptions,
  type TandemIssue,
  toTandemError,
  type ValidationContext,
  validationError,
} from './errors';
export * from './schemas';
