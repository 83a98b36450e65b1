import { describe, expect, it } from 'vitest';
import { ifAdminStatusName, ifStatusName } from './types.js';

describe('interface status words', () => {
  it('reads ifOperStatus 1-7 as IF-MIB names them', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(ifStatusName)).toEqual(['up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown']);
    expect(ifStatusName(8)).toBe('unknown');
  });

  it('reads ifAdminStatus outside up(1), down(2), testing(3) as unknown, never as an oper-status word', () => {
    expect([1, 2, 3].map(ifAdminStatusName)).toEqual(['up', 'down', 'testing']);
    expect([0, 4, 5, 6, 7, 99, null, undefined].map(ifAdminStatusName)).toEqual(Array(8).fill('unknown'));
  });
});
