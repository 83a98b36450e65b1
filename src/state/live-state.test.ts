/** Unit tests of LiveState's versions: the topology merge re-derives only when what it reads changed. */
import { describe, expect, it } from 'vitest';
import type { InterfaceState } from '../model/types.js';
import { LiveState, pendingState } from './live-state.js';

describe('LiveState', () => {
  it('moves shapeVersion only when a device comes or goes, or its sysName or interface count changes', () => {
    const state = new LiveState();
    const v0 = state.shapeVersion();
    state.set(pendingState(1));
    const v1 = state.shapeVersion();
    expect(v1).not.toBe(v0);
    // A poll with new rates and times: version moves, shapeVersion does not.
    const before = state.version();
    state.set({ ...pendingState(1), status: 'up', pollMs: 12, lastPollAt: '2026-12-04T00:00:00.000Z' });
    expect(state.version()).not.toBe(before);
    expect(state.shapeVersion()).toBe(v1);
    state.set({ ...pendingState(1), sysName: 'sw1' });
    const v2 = state.shapeVersion();
    expect(v2).not.toBe(v1);
    // Only the count matters here, not the interface's fields.
    state.set({ ...pendingState(1), sysName: 'sw1', interfaces: [{} as InterfaceState] });
    const v3 = state.shapeVersion();
    expect(v3).not.toBe(v2);
    state.remove(1);
    expect(state.shapeVersion()).not.toBe(v3);
  });
});
