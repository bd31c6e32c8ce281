import { describeTokenEconomy } from '@tokenomics/core/testing';
import adapter from '../src/index.js';
import { conformanceOptions } from './conformance-options.js';

const NAME = '__ADAPTER_ID__ (default preset)';

describeTokenEconomy(NAME, () => adapter.create(adapter.optionsSchema.parse({})), conformanceOptions);
