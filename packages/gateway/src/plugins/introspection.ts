import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses introspection (`__schema`, `__type`) with graphql-js's own
 * validation rule: the query fails validation ("GraphQL introspection has
 * been disabled, …", code GRAPHQL_VALIDATION_FAILED) and nothing runs.
 * `__typename` stays allowed (clients need it). GraphiQL is still served,
 * but cannot load the schema: no documentation explorer, no autocompletion.
 *
 * @example
 * ```ts
 * import { useDisableIntrospection } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 * const introspection = process.env.NODE_ENV !== 'production';
 *
 * createYoga({ schema, plugins: introspection ? [] : [useDisableIntrospection()] });
 * ```
 */
export function useDisableIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
