import { AppError } from '../platform/http/errors.js';

/** An IANA time zone name the runtime knows (`UTC`, `Europe/Paris`), or a 400. */
export function checkTimeZone(timeZone: string): string {
  try {
    if (/^[A-Za-z0-9_+\-/]{1,64}$/.test(timeZone)) return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    // RangeError: unknown zone, answered below.
  }
  throw new AppError('validation_failed', `timezone must be an IANA time zone such as UTC or Europe/Paris, not '${timeZone}'.`);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone (month 0-based, as in Date.UTC; daylight saving shifts handled). */
export function startOfDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month, day);
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone));
}
