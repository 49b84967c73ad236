import { describe, expect, it } from 'vitest';
import { joinLines, labelLines } from '../viz/chart/edge-label.js';

const lines = (label: string, guard?: string) => joinLines(labelLines(guard === undefined ? { label } : { label, guard }));

describe('transition label lines', () => {
  it('keeps a short guard on its trigger\'s line', () => {
    expect(lines('vm.start [isIdle]', 'isIdle')).toEqual(['vm.start [isIdle]']);
  });

  it('wraps a long guard at and/or, indenting the continued lines', () => {
    const guard = 'in power.running and isOperation(start, restart) and isIdle';
    expect(lines(`always [${guard}]`, guard)).toEqual(['always', '[in power.running', '\u2003and isOperation(start, restart)', '\u2003and isIdle]']);
  });

  it('wraps a long parameter list after its commas, so guard params do not widen the chart', () => {
    const guard = 'not in provisioning.deleting and hasFault(AllocationFailed, InternalOperationError)';
    expect(lines(`after 20 s [${guard}]`, guard)).toEqual([
      'after 20 s',
      '[not in provisioning.deleting',
      '\u2003and hasFault(AllocationFailed, ',
      '\u2003InternalOperationError)]',
    ]);
  });
});
