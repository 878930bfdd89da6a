import type { SimHandler } from '../http';

export interface IamOptions {
  domain: string;
  username: string;
  password: string;
  projectName: string;
  /** the project id the token is scoped to (the HSS project) */
  projectId: string;
  /** token lifetime, default 24 h as IAM issues */
  tokenTtlMs?: number;
  now: () => number;
}

export interface IamSim {
  handle: SimHandler;
  /** 'valid', 'expired' or 'invalid' for an X-Auth-Token value */
  checkToken(token: string): 'valid' | 'expired' | 'invalid';
}

// Placeholder: the IAM simulator is being written (issue 2).
export function createIam(_options: IamOptions): IamSim {
  return { handle: () => undefined, checkToken: () => 'invalid' };
}
