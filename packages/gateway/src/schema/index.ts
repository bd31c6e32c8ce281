import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './protocol.js';
import './parameters.js';
import './supply.js';
import './rewards.js';
import './fees.js';
import './penalties.js';
import './schedule.js';
import './unlocks.js';
import './flows.js';
import './history.js';
import './subscription.js';

let schema: GraphQLSchema | undefined;

/**
 * The gateway's GraphQL schema. It does not depend on which protocols are
 * served (they arrive through the context), so it is built once.
 *
 * @example
 * ```ts
 * import { gatewaySchema } from '@tokenomics/gateway';
 * import { printSchema } from 'graphql';
 *
 * printSchema(gatewaySchema());
 * ```
 */
export function gatewaySchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}
