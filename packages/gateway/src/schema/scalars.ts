import {
  clip,
  type Decimal,
  type ExactFigure,
  formatFigure,
  isTokenomicsError,
  parseDecimal,
  parseInstant,
} from '@tokenomics/core';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from './builder.js';

/**
 * A scalar's refusal, coded BAD_INPUT with the error's details (which
 * bound, its limit, the value clipped: core's parsers clip what they echo).
 */
function badInput(error: unknown): GraphQLError {
  const message = error instanceof Error ? error.message : String(error);
  return new GraphQLError(message, {
    extensions: { ...(isTokenomicsError(error) ? error.details : {}), code: 'BAD_INPUT' },
  });
}

/** A value that is not a string, as an error quotes it: JSON, clipped. */
const quoted = (value: unknown): string => clip(JSON.stringify(value) ?? String(value));

function decimalFromText(text: string): Decimal {
  try {
    return parseDecimal(text, 'Decimal');
  } catch (error) {
    throw badInput(error);
  }
}

builder.scalarType('Decimal', {
  description:
    'An exact decimal number written as a string, e.g. "16547.945205479". Amounts are in whole tokens (SESH, SYNT), not base units, served rounded half to even at the token\'s base unit; rates are fractions ("0.14" is 14%) served to 18 decimal places; never in exponent notation, no trailing zeros. Inputs may also be integers; send fractions as strings, since a JSON float has already lost digits. Inputs have at most 40 significant digits and a magnitude within 10^-30 … 10^30 (or are 0); amounts of a token have at most its decimals (SESH 9, SYNT 6).',
  serialize: (value) => (typeof value === 'string' ? value : formatFigure(value as ExactFigure)),
  parseValue(value) {
    if (typeof value === 'string') return decimalFromText(value);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return decimalFromText(String(value));
    throw badInput(
      new Error(`Decimal must be a string such as "12.5" (or a safe integer), got ${quoted(value)}`),
    );
  },
  parseLiteral(node: ValueNode) {
    // A literal's text is exact, so 12.5 written in the query is as good as "12.5".
    if (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) {
      return decimalFromText(node.value);
    }
    throw badInput(new Error(`Decimal must be a string such as "12.5", got a ${node.kind}`));
  },
});

function instantFromText(text: string): Date {
  try {
    return parseInstant(text, 'DateTime');
  } catch (error) {
    throw badInput(error);
  }
}

builder.scalarType('DateTime', {
  description:
    'An instant in ISO-8601 form, e.g. "2026-01-01T00:00:00.000Z". Inputs need a zone (Z or ±hh:mm); a bare date means midnight UTC.',
  serialize: (value) => (typeof value === 'string' ? value : (value as Date).toISOString()),
  parseValue(value) {
    if (typeof value === 'string') return instantFromText(value);
    throw badInput(new Error(`DateTime must be an ISO-8601 string, got ${quoted(value)}`));
  },
  parseLiteral(node: ValueNode) {
    if (node.kind === Kind.STRING) return instantFromText(node.value);
    throw badInput(new Error(`DateTime must be an ISO-8601 string, got a ${node.kind}`));
  },
});
