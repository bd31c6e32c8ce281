import { createClient, formatAmount, graphql } from '@tokenomics/client';

const client = createClient({ url: 'https://gateway.example/graphql' });

const SupplyQuery = graphql(`
  query Supply { protocols { id token { symbol } supply { circulating liquid } } }
`);

export async function supplyLines(locale: string): Promise<string[]> {
  const { protocols } = await client.query(SupplyQuery, {}, { method: 'GET', persisted: true });
  return protocols.map(({ token, supply }) =>
    supply
      ? `${token.symbol}: ${formatAmount(supply.circulating, { maxFractionDigits: 0, locale })}`
      : token.symbol,
  );
}
