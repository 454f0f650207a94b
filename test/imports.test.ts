import * as root from 'tandem-cx';
import * as calendar from 'tandem-cx/calendar';
import * as model from 'tandem-cx/model';
import { expect, it } from 'vitest';

// Tests and examples import the package by name, as hosts do; vitest resolves the name to src/.
it('resolves the package name and its subpaths to the sources', () => {
  expect(model.parseDuration('1s')).toBe(1000);
  expect(root.createBusinessCalendar).toBe(calendar.createBusinessCalendar);
  expect(typeof root.createEventBus).toBe('function');
});
