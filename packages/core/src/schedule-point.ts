import type { Decimal } from './decimal.js';
import type { SchedulePoint } from './economy.js';
import { asDecimal, type ExactFigure } from './scaled-decimal.js';

/** The figures of a {@link SchedulePoint}. */
export const SCHEDULE_FIGURES = [
  'total',
  'circulating',
  'emitted',
  'emissionRate',
  'poolBalance',
  'liquid',
] as const;

/** One of {@link SCHEDULE_FIGURES}. */
export type ScheduleFigure = (typeof SCHEDULE_FIGURES)[number];

/** The figures of an {@link ExactSchedulePoint}: Decimals, or scaled integers made into Decimals when read. */
export interface ExactScheduleFigures {
  total: ExactFigure;
  circulating: ExactFigure;
  emitted: ExactFigure;
  emissionRate: ExactFigure;
  poolBalance: ExactFigure | null;
  /** Circulating tokens that are not staked; absent or null where staked is unknown. */
  liquid?: ExactFigure | null;
}

/**
 * A {@link SchedulePoint} whose figures may be {@link ScaledDecimal}s. A
 * ten-year daily schedule is thousands of points, each read only to be
 * written out; adapters whose closed forms work in integers return these, so
 * that the gateway writes each figure from its integer ({@link scheduleFigure})
 * and no Decimal is made unless a caller reads the field.
 *
 * The figures are getters: spread or `Object.keys` see `at` and `figures`,
 * not `total`; read the fields by name.
 *
 * @example
 * ```ts
 * import { Decimal, ExactSchedulePoint, ScaledDecimal } from '@tokenomics/core';
 *
 * const point = new ExactSchedulePoint(new Date('2026-01-01Z'), {
 *   total: new Decimal(240_000_000), circulating: new ScaledDecimal(34_020_451_061n, 3),
 *   emitted: new Decimal(0), emissionRate: new Decimal('0.151'), poolBalance: null,
 * });
 * point.circulating.toFixed(); // '34020451.061'
 * ```
 */
export class ExactSchedulePoint implements SchedulePoint {
  constructor(
    readonly at: Date,
    readonly figures: ExactScheduleFigures,
  ) {}

  get total(): Decimal {
    return asDecimal(this.figures.total);
  }

  get circulating(): Decimal {
    return asDecimal(this.figures.circulating);
  }

  get emitted(): Decimal {
    return asDecimal(this.figures.emitted);
  }

  get emissionRate(): Decimal {
    return asDecimal(this.figures.emissionRate);
  }

  get poolBalance(): Decimal | null {
    const { poolBalance } = this.figures;
    return poolBalance === null ? null : asDecimal(poolBalance);
  }

  get liquid(): Decimal | null | undefined {
    const { liquid } = this.figures;
    return liquid === undefined || liquid === null ? liquid : asDecimal(liquid);
  }
}

/**
 * A figure of any {@link SchedulePoint} as it was computed: from an
 * {@link ExactSchedulePoint} the scaled integer itself (no Decimal made), from
 * a plain point its Decimal; null for a figure the point does not have (a
 * pool balance, or `liquid` where staked is unknown). Write it with `formatFigure`.
 *
 * @example
 * ```ts
 * import { formatFigure, scheduleFigure, type SchedulePoint } from '@tokenomics/core';
 *
 * declare const point: SchedulePoint;
 * formatFigure(scheduleFigure(point, 'circulating')!); // '34020451.061'
 * ```
 */
export function scheduleFigure(
  point: SchedulePoint,
  figure: Exclude<ScheduleFigure, 'poolBalance' | 'liquid'>,
): ExactFigure;
export function scheduleFigure(point: SchedulePoint, figure: ScheduleFigure): ExactFigure | null;
export function scheduleFigure(point: SchedulePoint, figure: ScheduleFigure): ExactFigure | null {
  return (point instanceof ExactSchedulePoint ? point.figures[figure] : point[figure]) ?? null;
}
