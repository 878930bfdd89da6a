import type { SimHandler } from '../http';
import type { IamSim } from '../iam';

export interface HssOptions {
  projectId: string;
  /** AK/SK pair accepted for SDK-HMAC-SHA256 signatures */
  ak: string;
  sk: string;
  seed: number;
  size: 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };
  now: () => number;
  iam: IamSim;
}

export interface HssSim {
  handle: SimHandler;
}

// Placeholder: the HSS simulator is being written (issue 2).
export function createHss(_options: HssOptions): HssSim {
  return { handle: () => undefined };
}
