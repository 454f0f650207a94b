import { parseWithSchema, TandemError } from '../model/errors';
import { checksumOf } from './codec';
import { TextClassifierModelSchema } from './schemas';
import { compileTextModel, createTextClassifier, type TextClassifier } from './textClassifier';

/**
 * Loads a text classifier from the JSON of `clf.toJSON()` (after any trip through storage): it
 * predicts exactly what the trained classifier did. The JSON is validated, its format version
 * checked and its checksum verified, so a model from another version, a truncated copy or an
 * edited weight is refused instead of predicting nonsense.
 *
 * @param json - the model JSON (a parsed object, not a string).
 * @returns the {@link TextClassifier}.
 * @throws {TandemError} `INVALID_INPUT` naming the problem: `model.version` (another format
 *   version: retrain), `model.checksum` (changed after training), `model.weights` (corrupt), or a
 *   missing/mistyped field.
 *
 * @example
 * ```ts
 * import { loadTextClassifier, trainTextClassifier } from 'tandem-cx/learning';
 * const clf = trainTextClassifier([
 *   { text: 'where is my new card', label: 'card' }, { text: 'my card has not arrived', label: 'card' },
 *   { text: 'I want a refund', label: 'refund' }, { text: 'refund my money please', label: 'refund' },
 * ]);
 * const stored = JSON.stringify(clf.toJSON());
 * const back = loadTextClassifier(JSON.parse(stored));
 * back.predict('card not here').confidence === clf.predict('card not here').confidence; // => true
 * ```
 */
export function loadTextClassifier(json: unknown): TextClassifier {
  const model = parseWithSchema(TextClassifierModelSchema, json, {
    module: 'learning',
    what: 'text classifier model',
    pathPrefix: ['model'],
  });
  if (checksumOf(model) !== model.checksum)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'model.checksum',
      message:
        'checksum mismatch: the model was changed after training (or damaged in storage); retrain or restore it',
    });
  return createTextClassifier(compileTextModel(model), model);
}
