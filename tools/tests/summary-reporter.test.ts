import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import SummaryReporter from '../summary-reporter.js';

/** A test file as the reporter reads it: its state and its tests' states. */
function testFile(state: 'passed' | 'failed', tests: Array<'passed' | 'failed' | 'skipped'>): TestModule {
  return {
    state: () => state,
    children: { allTests: () => tests.map((test) => ({ result: () => ({ state: test }) })) },
  } as unknown as TestModule;
}

function summary(files: TestModule[]): string {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  new SummaryReporter().onTestRunEnd(files);
  const line = String(write.mock.calls[0]?.[0]).trim();
  write.mockRestore();
  return line;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SummaryReporter', () => {
  it('counts tests by their state', () => {
    expect(
      summary([testFile('passed', ['passed', 'skipped']), testFile('failed', ['passed', 'failed'])]),
    ).toBe('tests: 2 passed, 1 failed, 1 skipped');
  });

  it('counts a file that failed without a failed test as one failure (a beforeAll that threw)', () => {
    // vitest leaves the tests of a file whose beforeAll threw skipped, and fails the file.
    expect(summary([testFile('failed', ['skipped', 'skipped']), testFile('passed', ['passed'])])).toBe(
      'tests: 1 passed, 1 failed, 2 skipped',
    );
    // A file that failed to import has no tests at all.
    expect(summary([testFile('failed', [])])).toBe('tests: 0 passed, 1 failed, 0 skipped');
  });
});
