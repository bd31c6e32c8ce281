import { type ExactFigure, formatFigure } from '@tokenomics/core';

/** A figure already in its wire text (the `Decimal` scalar writes it as it is). */
export type WrittenFigure = string & { readonly __written: true };

/**
 * A figure's wire text, made now rather than when the scalar writes it: a
 * long schedule writes its figures while it is being built a slice at a
 * time, instead of all at once as the answer is completed.
 *
 * @example
 * ```ts
 * import { ScaledDecimal } from '@tokenomics/core';
 * import { writtenFigure } from './written-figure.js';
 *
 * writtenFigure(new ScaledDecimal(12_500n, 3)); // '12.5'
 * ```
 */
export function writtenFigure(figure: ExactFigure): WrittenFigure {
  return formatFigure(figure) as WrittenFigure;
}

/** An instant already in its wire text (ISO 8601, UTC, milliseconds: what the `DateTime` scalar writes). */
export type WrittenInstant = string & { readonly __writtenInstant: true };

/**
 * An instant's wire text, made now: the `DateTime` scalar writes it as it is.
 *
 * @example
 * ```ts
 * import { writtenInstant } from './written-figure.js';
 *
 * writtenInstant(new Date(Date.UTC(2026, 0, 1))); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function writtenInstant(at: Date): WrittenInstant {
  return at.toISOString() as WrittenInstant;
}
