import 'server-only';
import type { z } from 'zod';
import { tenableFetch, type DirectorCall } from '../director/transport';
import { getSciUpstream, sciLabel } from '../upstream/registry';
import { sciConnectionsVariable, type SciConnection } from './connections';

/**
 * The one way ScanDeck calls a Tenable.sc instance: that instance's URL, key pair and upstream
 * client, with the same envelope rules as Director. Paths are fixed by the calling module and use
 * the instance's own ids.
 */
export function sciFetch<S extends z.ZodType>(connection: SciConnection, call: DirectorCall<S>): Promise<z.output<S>> {
  return tenableFetch(
    {
      vendor: 'sci',
      sciId: connection.id,
      label: sciLabel(connection.id),
      url: connection.url,
      accessKey: connection.accessKey,
      secretKey: connection.secretKey,
      keySetting: `the accessKey and secretKey of SCI ${connection.id} in ${sciConnectionsVariable}`,
      upstream: getSciUpstream(connection),
    },
    call,
  );
}
