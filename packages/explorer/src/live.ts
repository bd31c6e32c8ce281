import { type GatewayClient, GatewayError } from '@tokenomics/client';
import { errorText, type LiveUpdate, ProtocolUpdatedSubscription } from './api.js';

/** Stops watching a protocol. */
export type StopWatching = () => void;

/** Where a watch stands: listening, waiting to subscribe again after an error, or given up. */
export type WatchState =
  | { state: 'live' }
  | { state: 'retrying'; message: string; inSeconds: number }
  | { state: 'off'; message: string };

/** What {@link watchProtocol} calls. */
export interface WatchHandlers {
  /** Each update: the protocol's headline as the gateway computed it at the change. */
  onUpdate(protocol: LiveUpdate): void;
  /** The watch's state, on each change. */
  onState?(state: WatchState): void;
}

/** The first wait before subscribing again after an error, in seconds; it doubles up to {@link MAX_RETRY_SECONDS}. */
export const FIRST_RETRY_SECONDS = 5;
/** The longest wait before subscribing again. */
export const MAX_RETRY_SECONDS = 60;

/**
 * Subscribes to `protocolUpdated(id)` over server-sent events (the client's `subscribe`) and calls
 * `onUpdate` with each event's protocol, so the page refreshes its headline and block; returns a
 * function that closes the subscription. A dropped stream is subscribed again after 5 s (doubling
 * to 60 s); a gateway that streams no updates (NOT_SUPPORTED: it records no history) or does not
 * know the protocol is not asked again. The protocol view calls it for a protocol whose source is
 * LIVE and stops it when another tab is shown.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { watchProtocol } from './live.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const stop = watchProtocol(client, 'synternet', {
 *   onUpdate: (protocol) => console.log('block', protocol.source.height),
 * });
 * stop();
 * ```
 */
export function watchProtocol(
  client: GatewayClient,
  protocolId: string,
  handlers: WatchHandlers,
): StopWatching {
  const controller = new AbortController();
  const { signal } = controller;
  const sleep = (seconds: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  void (async () => {
    let wait = FIRST_RETRY_SECONDS;
    while (!signal.aborted) {
      handlers.onState?.({ state: 'live' });
      let message = 'the update stream ended';
      try {
        for await (const event of client.subscribe(
          ProtocolUpdatedSubscription,
          { id: protocolId },
          { signal },
        )) {
          wait = FIRST_RETRY_SECONDS;
          handlers.onUpdate(event.protocolUpdated);
        }
      } catch (error) {
        message = errorText(error);
        if (error instanceof GatewayError && (error.code === 'NOT_SUPPORTED' || error.code === 'NOT_FOUND')) {
          if (!signal.aborted) handlers.onState?.({ state: 'off', message });
          return;
        }
      }
      if (signal.aborted) return;
      handlers.onState?.({ state: 'retrying', message, inSeconds: wait });
      await sleep(wait);
      wait = Math.min(MAX_RETRY_SECONDS, wait * 2);
    }
  })();
  return () => controller.abort();
}
