import * as assert from 'node:assert/strict';
import { describeSchedule } from '../../src/core/scripts/cron';

// The next run a cron-job finding names, as cron (Vixie's, as Debian and RHEL ship it) would start the job.
describe('cron schedules: words and the next run', () => {
  // A Tuesday, 10:17 UTC.
  const now = new Date('2026-11-24T10:17:00Z');
  const next = (expression: string): string | undefined => describeSchedule(expression, now).next?.toISOString();

  it('finds the next minute that matches, in UTC', () => {
    assert.equal(next('0 3 * * *'), '2026-11-25T03:00:00.000Z');
    assert.equal(next('*/15 9-17 * * 1-5'), '2026-11-24T10:30:00.000Z');
    assert.equal(next('30 2 * * sat,SUN'), '2026-11-28T02:30:00.000Z');
    assert.equal(next('0 0 1 jan *'), '2027-01-01T00:00:00.000Z');
    assert.equal(next('@weekly'), '2026-11-29T00:00:00.000Z');
  });

  it('runs on the day of the month or the day of the week when both are given, as cron does', () => {
    // The 13th is a Sunday, the Friday before it is the 4th: the Friday comes first.
    assert.equal(next('0 0 13 12 5'), '2026-12-04T00:00:00.000Z');
    // Day 7 of the week is Sunday, as 0 is.
    assert.equal(next('0 0 * * 7'), next('0 0 * * 0'));
    // With one of the two left at *, only the other counts.
    assert.equal(next('0 0 1-7 * *'), '2026-12-01T00:00:00.000Z');
  });

  it('names no next run for a date that never comes, and says when the expression is not valid', () => {
    const never = describeSchedule('0 0 30 2 *', now);
    assert.equal(never.next, undefined);
    assert.match(never.words, /30/);
    assert.match(describeSchedule('61 * * * *', now).words, /not a valid cron expression/);
    assert.equal(describeSchedule('@reboot', now).words, 'At every boot');
  });
});
