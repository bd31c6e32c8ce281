import { describeTokenEconomy } from '@tokenomics/core/testing';
import { createAdapter } from '../src/index.js';
import { conformanceOptions } from './conformance-options.js';

const NAME = '__ADAPTER_ID__ (default preset)';

describeTokenEconomy(NAME, () => createAdapter(), conformanceOptions);
