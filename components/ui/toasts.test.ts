import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/api-error';
import { failureDescription } from './failure-description';

describe('failure toasts', () => {
  it("quote the vendor's code, message, name and request id, as the error panel shows them", () => {
    const refusal = new ApiError({
      status: 502,
      code: 'upstream_error',
      message: 'Director refused the request',
      upstream: { vendor: 'sci', sciId: 3, code: '146', message: 'Edit refused', requestId: 'req-42' },
    });
    expect(failureDescription(refusal)).toBe('146: Edit refused · Tenable Security Center (SCI 3) · request id req-42');
  });

  it("fall back to ScanDeck's message when the vendor said nothing, and name no request id it did not give", () => {
    const silent = new ApiError({ status: 504, code: 'upstream_timeout', message: 'HSS did not answer in time', upstream: { vendor: 'hss' } });
    expect(failureDescription(silent)).toBe('HSS did not answer in time · Huawei Cloud HSS');
    expect(failureDescription(new ApiError({ status: 400, code: 'invalid', message: 'name: required' }))).toBe('name: required');
    expect(failureDescription('not an error')).toBe('Something went wrong.');
  });
});
