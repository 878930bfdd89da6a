import { describe, expect, it } from 'vitest';
import { failureReport } from './lib/failure-report.mjs';

describe('the failure report at the end of npm test', () => {
  it("names each failed test of both runners with where it failed and its error's first lines", () => {
    const vitest = {
      testResults: [
        {
          name: '/repo/lib/a.test.ts',
          assertionResults: [
            { status: 'passed', fullName: 'a passes', failureMessages: [] },
            { status: 'failed', fullName: 'a counts', failureMessages: ['AssertionError: expected 1 to be 2\n    at a.test.ts:3:5'] },
          ],
        },
      ],
    };
    const playwright = {
      suites: [
        {
          specs: [],
          suites: [
            {
              specs: [
                { title: 'opens the list', file: 'e2e/o.spec.ts', line: 7, tests: [{ status: 'expected', results: [{ status: 'passed' }] }] },
                {
                  title: 'follows the link',
                  file: 'e2e/o.spec.ts',
                  line: 20,
                  tests: [
                    {
                      status: 'unexpected',
                      results: [
                        {
                          status: 'failed',
                          error: {
                            message: '\u001b[31mError: expect(page).toHaveURL\u001b[39m\n\nExpected: /x/\nReceived: "/"',
                            location: { file: '/repo/e2e/o.spec.ts', line: 25 },
                          },
                        },
                      ],
                    },
                  ],
                },
                { title: 'times out', file: 'e2e/o.spec.ts', line: 40, tests: [{ status: 'unexpected', results: [{ status: 'timedOut' }] }] },
              ],
            },
          ],
        },
      ],
    };
    const report = failureReport({ vitest, playwright, root: '/repo' });
    expect(report).toEqual([
      '- a counts\n  at lib/a.test.ts\n    AssertionError: expected 1 to be 2\n        at a.test.ts:3:5',
      '- follows the link\n  at e2e/o.spec.ts:25\n    Error: expect(page).toHaveURL\n    Expected: /x/\n    Received: "/"',
      '- times out\n  at e2e/o.spec.ts:40\n    ended timedOut',
    ]);
  });

  it('is empty when nothing failed or a runner left no report', () => {
    expect(failureReport({ vitest: undefined, playwright: undefined, root: '/repo' })).toEqual([]);
  });
});
