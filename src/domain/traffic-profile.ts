/**
 * The shape of a day: `hourlyWriteMBps` (24 hourly average write rates, hour 0 = 00:00–01:00) or the
 * flat shape an average gives (`avgWriteMBps` during `activeHoursPerDay`, idle the rest of the day).
 * Provisioned capacity is sized for the peak hour; per-GB billing (on-demand, Advantage, Serverless)
 * follows the bytes of each hour.
 */
import { HOURS_PER_DAY, MB_PER_GB, SECONDS_PER_HOUR } from './units';

export const HOURS_IN_PROFILE = 24;

/**
 * A profile whose peak hour is at most this many times its average active hour counts as STEADY
 * when the caller gives no trafficPattern; above it, VARIABLE (confidence: ASSUMPTION — half-way
 * between the STEADY 1.2 and VARIABLE 2 peak factors). A daily profile is never UNPREDICTABLE.
 */
export const PROFILE_STEADY_MAX_PEAK_RATIO = 1.5;

/** A stretch of the day at one write rate. */
export interface ProfileSegment {
  /** Length of the stretch, hours per day. */
  hours: number;
  writeMBps: number;
}

/** What a profile says about a day. */
export interface ProfileSummary {
  /** Hours with a write rate above 0 (at least 1, as activeHoursPerDay). */
  activeHoursPerDay: number;
  /** GB written per day: Σ rate × 3,600 s ÷ 1,024. */
  ingestGbPerDay: number;
  /** Average rate of the active hours. */
  avgWriteMBps: number;
  /** The busiest hour's rate. */
  peakHourMBps: number;
  /** Hour of day (0–23) of the busiest hour (the first, on a tie). */
  peakHour: number;
}

/**
 * Average, active hours and peak of a profile. The sum is compensated (Neumaier), so a profile of equal
 * hours averages to exactly that rate and its volume is computed as the average's (avg × hours × 3,600 ÷ 1,024).
 */
export function summarizeProfile(hourly: readonly number[]): ProfileSummary {
  let sum = 0;
  let compensation = 0;
  let active = 0;
  let peak = 0;
  let peakHour = 0;
  for (let h = 0; h < hourly.length; h++) {
    const r = hourly[h];
    const t = sum + r;
    compensation += Math.abs(sum) >= Math.abs(r) ? sum - t + r : r - t + sum;
    sum = t;
    if (r > 0) active++;
    if (r > peak) {
      peak = r;
      peakHour = h;
    }
  }
  const activeHoursPerDay = Math.max(1, active);
  const avgWriteMBps = (sum + compensation) / activeHoursPerDay;
  return {
    activeHoursPerDay,
    ingestGbPerDay: (avgWriteMBps * activeHoursPerDay * SECONDS_PER_HOUR) / MB_PER_GB,
    avgWriteMBps,
    peakHourMBps: peak,
    peakHour,
  };
}

/** The pattern a profile implies when the caller does not state one. */
export function profilePattern(summary: ProfileSummary): 'STEADY' | 'VARIABLE' {
  return summary.peakHourMBps <= summary.avgWriteMBps * PROFILE_STEADY_MAX_PEAK_RATIO ? 'STEADY' : 'VARIABLE';
}

interface ShapeOf {
  hourlyWriteMBps: readonly number[] | null;
  avgWriteMBps: number;
  activeHoursPerDay: number;
}

/** True when every hour of the profile has the same rate: such a profile is normalized exactly as its average. */
export const isFlatProfile = (hourly: readonly number[]): boolean => hourly.every((r) => r === hourly[0]);

/**
 * The day as segments: a profile's hours, consecutive equal hours merged; otherwise the average for the
 * active hours and 0 for the rest (the model's long-standing reading of avgWriteMBps + activeHoursPerDay).
 */
export function dailyWriteProfile(w: ShapeOf): ProfileSegment[] {
  if (w.hourlyWriteMBps) {
    const segments: ProfileSegment[] = [];
    for (const writeMBps of w.hourlyWriteMBps) {
      const last = segments[segments.length - 1];
      if (last && last.writeMBps === writeMBps) last.hours++;
      else segments.push({ hours: 1, writeMBps });
    }
    return segments;
  }
  const segments: ProfileSegment[] = [{ hours: w.activeHoursPerDay, writeMBps: w.avgWriteMBps }];
  if (w.activeHoursPerDay < HOURS_PER_DAY) segments.push({ hours: HOURS_PER_DAY - w.activeHoursPerDay, writeMBps: 0 });
  return segments;
}

/**
 * Largest GB written in any window of `windowHours` (≤ 24) of a repeating day of hourly rates: the
 * maximum of a step function's moving integral is reached with a window edge on an hour boundary.
 */
export function maxWindowGb(hourly: readonly number[], windowHours: number): number {
  const L = Math.min(Math.max(windowHours, 0), HOURS_IN_PROFILE);
  const dayMb = hourly.reduce((s, r) => s + r * SECONDS_PER_HOUR, 0);
  // MB written from the start of day 0 to time x (hours, any x ≥ 0) of the repeating day.
  const upTo = (x: number): number => {
    const days = Math.floor(x / HOURS_IN_PROFILE);
    let rest = x - days * HOURS_IN_PROFILE;
    let mb = days * dayMb;
    for (let h = 0; h < HOURS_IN_PROFILE && rest > 0; h++) {
      const part = Math.min(1, rest);
      mb += hourly[h] * part * SECONDS_PER_HOUR;
      rest -= part;
    }
    return mb;
  };
  let best = 0;
  for (let h = 0; h < HOURS_IN_PROFILE; h++) {
    best = Math.max(best, upTo(h + L) - upTo(h)); // window starting on an hour boundary
    const end = h + HOURS_IN_PROFILE; // window ending on an hour boundary
    best = Math.max(best, upTo(end) - upTo(end - L));
  }
  return best / MB_PER_GB;
}
