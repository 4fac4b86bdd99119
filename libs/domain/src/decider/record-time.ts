/**
 * Record time never runs backwards within a stream: an event is recorded at the caller's "now",
 * or at the stream's latest record time if the clock reads earlier (a clock step, another
 * replica). So "known at" always selects a prefix of the stream.
 */
import { Instant } from '../time/danish-time';
import { DeciderState } from './decider-state';

export function recordTimeOf(state: DeciderState, now: Instant): Instant {
  return Math.max(now, state.lastRecordedAt);
}
