import * as all from 'tandem-cx';
import { parseDuration } from 'tandem-cx/model';
import { expect, it } from 'vitest';
it('alias', () => {
  expect(parseDuration('1s')).toBe(1000);
  expect(typeof all.createEventBus).toBe('function');
});
