import SchemaBuilder from '@pothos/core';
import type { Decimal } from '@tokenomics/core';
import type { GatewayContext } from '../context.js';

/** The Pothos types of the gateway's schema. */
export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    ID: { Input: string; Output: string };
    Decimal: { Input: Decimal; Output: Decimal };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}

/** The one schema builder; each area of the schema adds its types to it. */
export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  defaultFieldNullability: false,
});
