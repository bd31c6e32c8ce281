export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
export {
  type ClientOptions,
  createClient,
  type GatewayClient,
  GatewayError,
  type GatewayErrorCode,
  type GraphQLErrorEntry,
  type HeadersLike,
  parseServerSentEvents,
  type QueryOptions,
  type ServerSentEvent,
  type SubscribeOptions,
  sha256Hex,
  type TypedDocument,
} from './client.js';
export {
  type FormatAmountOptions,
  type FormatPercentOptions,
  formatAmount,
  formatPercent,
} from './format.js';
export { type DateTime, type Decimal, dateTime, decimal, type GatewaySchema, graphql } from './graphql.js';
