// A test adapter package's entry, as the gateway loads it: core's example economy behind a descriptor.
import { defineAdapterDescriptor } from '@tokenomics/core';
import { exampleEconomy } from '@tokenomics/core/testing';
import { z } from 'zod';

export const adapter = defineAdapterDescriptor({
  id: 'example',
  name: 'Example',
  optionsSchema: z.strictObject(
    {
      id: z.string().min(1).default('example'),
      only: z.array(z.enum(['SUPPLY', 'REWARDS', 'FEES', 'PENALTIES', 'SCHEDULE', 'FLOWS'])).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `example adapter: unknown option ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (it takes id, only)`
          : undefined,
    },
  ),
  env: [{ name: 'EXAMPLE_ID', description: 'the protocol id it is served under' }],
  fromEnv: (env, options) => (env.EXAMPLE_ID ? { ...options, id: env.EXAMPLE_ID } : options),
  create: (options) => exampleEconomy({ id: options.id, ...(options.only ? { only: options.only } : {}) }),
});

export default adapter;
