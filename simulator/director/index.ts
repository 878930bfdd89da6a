import type { SimHandler } from '../http';

export interface DirectorOptions {
  accessKey: string;
  secretKey: string;
  seed: number;
  size: 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };
  now: () => number;
}

export interface DirectorSim {
  handle: SimHandler;
}

// Placeholder: the Director simulator is being written (issue 2).
export function createDirector(_options: DirectorOptions): DirectorSim {
  return { handle: () => undefined };
}
