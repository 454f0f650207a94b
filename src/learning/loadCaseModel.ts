import { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import { parseWithSchema, TandemError } from '../model/errors';
import { type CaseModel, calendarMismatch, checksumOf, createCaseModel } from './caseModelCore';
import {
  CASE_MODEL_FORMAT,
  CASE_MODEL_VERSION,
  type CaseModelJson,
  CaseModelJsonSchema,
} from './caseModelSchemas';
import { canonicalJson } from './codec';

/** Options of {@link loadCaseModel}. */
export interface LoadCaseModelOptions {
  /** The business calendar the model was trained with (required when it was trained with one). */
  calendar?: BusinessCalendar;
}

/**
 * Loads a case model from its JSON (`model.toJSON()`, e.g. after a round trip through a
 * database); the loaded model predicts exactly as the trained one did.
 *
 * The JSON is checked before use: the format name and version, every field's shape, that each
 * weight row has one entry per class, and a checksum over the content (canonical JSON, key order
 * free, so stores that reorder keys, like PostgreSQL `jsonb`, are fine) — so a tampered or
 * truncated model is rejected instead of predicting nonsense.
 *
 * @param json - the object `toJSON()` returned (parsed back from text).
 * @param options - `calendar` when the model was trained with one (same time zone).
 * @returns the {@link CaseModel}.
 * @throws {@link TandemError} `INVALID_INPUT` naming the problem: `format`, `version` (another
 *   version), `checksum` (content changed), `weights["a1:x"]` (wrong length), `options.calendar`.
 *
 * @example
 * ```ts
 * import { loadCaseModel, trainCaseModel } from 'tandem-cx/learning';
 * const log = [
 *   { caseId: 'A', activity: 'open', at: '2026-03-02T09:00:00Z' },
 *   { caseId: 'A', activity: 'resolved', at: '2026-03-02T10:00:00Z' },
 * ];
 * const model = trainCaseModel(log);
 * const copy = loadCaseModel(JSON.parse(JSON.stringify(model.toJSON())));
 * const steps = [{ activity: 'open', at: '2026-03-05T09:00:00Z' }];
 * JSON.stringify(copy.predict(steps)) === JSON.stringify(model.predict(steps)); // => true
 * ```
 */
export function loadCaseModel(json: unknown, options: LoadCaseModelOptions = {}): CaseModel {
  checkHeader(json);
  const parsed = parseWithSchema(CaseModelJsonSchema, json, { module: 'learning', what: 'case model JSON' });
  const { format, version, checksum, ...body } = parsed;
  const C = body.classes.length;
  for (const [feature, row] of Object.entries(body.weights)) {
    if (row.length !== C) {
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'learning',
        path: `weights[${JSON.stringify(feature)}]`,
        message: `has ${row.length} weights, the model has ${C} classes`,
      });
    }
  }
  if (body.classes[0] !== null || new Set(body.classes).size !== C) {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'classes',
      message: 'must start with null (the case ends) and list each activity once',
    });
  }
  if (checksumOf(body) !== checksum) {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'checksum',
      message: 'the model content does not match its checksum (changed or truncated after training)',
    });
  }
  const { calendar } = options;
  if (body.settings.businessTime && !calendar) {
    throw calendarMismatch(
      `the model counts business time: pass the calendar it was trained with (${body.settings.timeZone})`,
    );
  }
  if (!body.settings.businessTime && calendar) {
    throw calendarMismatch('the model was trained without a calendar: load it without one');
  }
  if (calendar && calendar.timeZone !== body.settings.timeZone) {
    throw calendarMismatch(
      `the model was trained with a calendar in ${body.settings.timeZone}, not ${calendar.timeZone}`,
    );
  }
  // Rebuild in canonical key order so toJSON() of a loaded model is byte-identical to the trained one's.
  const canonical = JSON.parse(canonicalJson({ format, version, checksum, ...body })) as CaseModelJson;
  const ordered: CaseModelJson = {
    format: canonical.format,
    version: canonical.version,
    checksum: canonical.checksum,
    settings: {
      maxOrder: canonical.settings.maxOrder,
      hourAndWeekday: canonical.settings.hourAndWeekday,
      timeZone: canonical.settings.timeZone,
      businessTime: canonical.settings.businessTime,
      minSupport: canonical.settings.minSupport,
    },
    classes: canonical.classes,
    weights: canonical.weights,
    remaining: {
      levels: canonical.remaining.levels.map((l) => ({ name: l.name, states: l.states })),
      global: canonical.remaining.global,
    },
    trainedOn: canonical.trainedOn,
  };
  return createCaseModel(ordered, calendar);
}

/** Format and version first, so another file or version gets that message, not a list of field errors. */
function checkHeader(json: unknown): void {
  const header = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json);
  const fail = (path: string, message: string) =>
    new TandemError({ code: 'INVALID_INPUT', module: 'learning', path, message });
  if (!header.success) throw fail('', 'a case model JSON must be an object (the result of model.toJSON())');
  if (header.data.format !== CASE_MODEL_FORMAT) {
    throw fail(
      'format',
      `not a case model (format ${JSON.stringify(header.data.format)}, expected "${CASE_MODEL_FORMAT}")`,
    );
  }
  if (header.data.version !== CASE_MODEL_VERSION) {
    throw fail(
      'version',
      `case model version ${JSON.stringify(header.data.version)} is not supported (this build reads ${CASE_MODEL_VERSION})`,
    );
  }
}
