import SchemaBuilder from '@pothos/core';
import type { Decimal, ExactFigure } from '@tokenomics/core';
import type { GatewayContext } from '../context.js';
import type { WrittenFigure, WrittenInstant } from './written-figure.js';

/** The Pothos types of the gateway's schema. */
export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    ID: { Input: string; Output: string };
    // Resolvers may hand back a ScaledDecimal (written from its integer, no Decimal made) or a figure already written.
    Decimal: { Input: Decimal; Output: ExactFigure | WrittenFigure };
    // Or an instant already written (a long schedule's rows, kept written).
    DateTime: { Input: Date; Output: Date | WrittenInstant };
  };
  DefaultFieldNullability: false;
}

/** The one schema builder; each area of the schema adds its types to it. */
export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  defaultFieldNullability: false,
});
