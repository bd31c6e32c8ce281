import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  Kind,
  visit,
} from 'graphql';

/** The directives whose condition decides whether a selection is executed. */
const CONDITIONS = new Set(['skip', 'include']);

/** How a document's @skip/@include conditions came out for one request, by variable name. */
export type ConditionValues = ReadonlyMap<string, boolean>;

/**
 * The variables a document's @skip and @include conditions read, each once,
 * in the order of first use: a plan of a document with such conditions is
 * specific to their values.
 *
 * @example
 * ```ts
 * import { parse } from 'graphql';
 * import { conditionVariables } from './skip-include.js';
 *
 * conditionVariables(parse('query ($a: Boolean!) { protocols { id @skip(if: $a) name @include(if: true) } }'));
 * // ['a']
 * ```
 */
export function conditionVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Directive(node) {
      if (!CONDITIONS.has(node.name.value)) return;
      for (const argument of node.arguments ?? []) {
        if (argument.name.value === 'if' && argument.value.kind === Kind.VARIABLE)
          names.add(argument.value.name.value);
      }
    },
  });
  return [...names];
}

/**
 * The values of the condition variables for one request, as graphql-js would
 * read them: the request's value if it sent one, else the operation's default.
 * Null when one is not a plain boolean (missing, null, or another type): the
 * request is then an error that the standard executor reports in its own words.
 *
 * @example
 * ```ts
 * import { conditionValuesOf } from './skip-include.js';
 *
 * conditionValuesOf(['a', 'b'], { a: true }, { b: false }); // Map { 'a' => true, 'b' => false }
 * conditionValuesOf(['a'], { a: 'yes' }, {}); // null
 * ```
 */
export function conditionValuesOf(
  names: readonly string[],
  variables: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, unknown>>,
): ConditionValues | null {
  const values = new Map<string, boolean>();
  for (const name of names) {
    const value =
      variables && Object.hasOwn(variables, name)
        ? variables[name]
        : Object.hasOwn(defaults, name)
          ? defaults[name]
          : undefined;
    if (typeof value !== 'boolean') return null;
    values.set(name, value);
  }
  return values;
}

/** Whether a selection is executed under its directives (graphql-js's shouldIncludeNode); null if undecidable. */
function included(directives: readonly DirectiveNode[] | undefined, values: ConditionValues): boolean | null {
  for (const directive of directives ?? []) {
    if (!CONDITIONS.has(directive.name.value)) continue;
    const argument = directive.arguments?.find((candidate) => candidate.name.value === 'if');
    const value =
      argument?.value.kind === Kind.BOOLEAN
        ? argument.value.value
        : argument?.value.kind === Kind.VARIABLE
          ? values.get(argument.value.name.value)
          : undefined;
    if (value === undefined) return null;
    if (directive.name.value === 'skip' ? value : !value) return false;
  }
  return true;
}

/**
 * The document as executed under these condition values: every selection
 * that @skip or @include leaves out removed, and those directives dropped
 * from the rest. Executing it is executing the original with those values
 * (the specification's CollectFields skips such selections and nothing else),
 * and it has no conditional selection left for graphql-jit to merge wrongly:
 * graphql-jit 0.8.9 merges the selections of one response key without
 * honouring each occurrence's conditions (`{ protocols { name } protocols
 * @include(if: false) { ... on Protocol { id } } }` answered `id`) and
 * combines the conditions of a fragment spread in several places.
 *
 * Null when a condition is neither a literal nor one of `values`.
 * Locations of the remaining nodes are the original's.
 *
 * @example
 * ```ts
 * import { parse, print } from 'graphql';
 * import { withConditionsApplied } from './skip-include.js';
 *
 * const document = parse('query ($a: Boolean!) { protocols { name } protocols @include(if: $a) { id } }');
 * print(withConditionsApplied(document, new Map([['a', false]]))!);
 * // query ($a: Boolean!) { protocols { name } } (printed on several lines)
 * ```
 */
export function withConditionsApplied(document: DocumentNode, values: ConditionValues): DocumentNode | null {
  let undecidable = false;
  const decide = <T extends FieldNode | InlineFragmentNode | FragmentSpreadNode>(
    node: T,
  ): T | null | undefined => {
    if (!node.directives?.some((directive) => CONDITIONS.has(directive.name.value))) return undefined;
    const keep = included(node.directives, values);
    if (keep === null) {
      undecidable = true;
      return undefined;
    }
    if (!keep) return null;
    return {
      ...node,
      directives: node.directives.filter((directive) => !CONDITIONS.has(directive.name.value)),
    };
  };
  const applied = visit(document, {
    Field: decide,
    InlineFragment: decide,
    FragmentSpread: decide,
    // Directives are decided with their node: nothing inside them to visit.
    Directive: () => false,
  });
  return undecidable ? null : applied;
}
