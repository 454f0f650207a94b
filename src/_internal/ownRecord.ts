/**
 * Records keyed by strings the user chose (labels, feature names). A plain `record[key] = value`
 * with the key `__proto__` sets the object's prototype instead of adding an entry (ECMAScript's
 * `Object.prototype.__proto__` accessor, ECMA-262 § B.2.2.1), so the entry is silently lost and a
 * later `record.__proto__` reads `Object.prototype`.
 */

/** Sets `record[key] = value` as an own, enumerable data property, `__proto__` included. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
