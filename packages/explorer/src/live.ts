import type { GatewayClient } from '@tokenomics/client';

/** Stops watching a protocol. */
export type StopWatching = () => void;

/**
 * Calls `onUpdate` whenever a live protocol's figures change, so the page redraws them; returns a
 * function that stops watching. The protocol view calls it for every protocol whose source is
 * LIVE, and stops it when another protocol is shown.
 *
 * The served schema has no `Subscription.protocolUpdated` yet (live updates are another piece of
 * work), so today nothing is watched and `onUpdate` is never called. When the subscription is
 * served (over server-sent events), this function alone changes: it opens an `EventSource` on the
 * gateway's `/graphql` with the subscription document and calls `onUpdate` on each event.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { watchProtocol } from './live.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const stop = watchProtocol(client, 'synternet', () => console.log('changed'));
 * stop();
 * ```
 */
export function watchProtocol(
  _client: GatewayClient,
  _protocolId: string,
  _onUpdate: () => void,
): StopWatching {
  return () => {};
}
