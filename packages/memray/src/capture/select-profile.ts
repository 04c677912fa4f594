import type { ReportView } from '../options/reporter-settings';
import type { MemrayCapture, SamplingHeapProfile } from './capture-format';

/** Estimated bytes of a whole profile (sum of every node's selfSize). */
export function profileTotal(profile: SamplingHeapProfile | null): number {
  if (profile === null) return 0;
  let total = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += node.selfSize;
    stack.push(...node.children);
  }
  return total;
}

/** The profile a view shows, and why. */
export function selectProfile(capture: MemrayCapture, view: ReportView) {
  const notes: string[] = [];
  if (capture.metadata.mode === 'all') {
    if (view !== 'all') {
      notes.push(
        `This capture recorded every sampled allocation (freed or not), so it cannot show the ${view === 'leaks' ? 'leaks' : 'peak'} view; it shows all allocations.`,
      );
    }
    return { profile: capture.final, time: undefined, label: 'all allocations', notes };
  }
  if (view === 'all') {
    notes.push(
      'This capture recorded live objects only; freed allocations are not in it. Showing the leaks view.',
    );
  }
  if (
    view === 'peak' &&
    capture.peak !== null &&
    profileTotal(capture.peak.profile) > profileTotal(capture.final)
  ) {
    return { profile: capture.peak.profile, time: capture.peak.time, label: 'approximate peak', notes };
  }
  return {
    profile: capture.final,
    time: undefined,
    label: view === 'peak' ? 'approximate peak (largest live set was at the end)' : 'leaks (live at the end)',
    notes,
  };
}
