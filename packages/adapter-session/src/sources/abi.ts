import { parseAbi } from 'viem';

/** The read-only functions of RewardRatePool the adapter uses (session-token-contracts, contracts/RewardRatePool.sol). */
export const rewardRatePoolAbi = parseAbi([
  'function SESH() view returns (address)',
  'function beneficiary() view returns (address)',
  'function totalPaidOut() view returns (uint256)',
  'function lastPaidOutTime() view returns (uint256)',
  'function ANNUAL_SIMPLE_PAYOUT_RATE() view returns (uint64)',
  'function BASIS_POINTS() view returns (uint64)',
  'function VERSION() view returns (uint256)',
  'function rewardRate() view returns (uint256)',
  'function calculateTotalDeposited() view returns (uint256)',
  'function calculateReleasedAmount() view returns (uint256)',
  'function calculatePayoutAmount(uint256 balance, uint256 timeElapsed) pure returns (uint256)',
]);

/** The read-only functions of ServiceNodeRewards the adapter uses ([STC] ServiceNodeRewards.sol). */
export const serviceNodeRewardsAbi = parseAbi([
  'function totalNodes() view returns (uint256)',
  'function nextServiceNodeID() view returns (uint64)',
  'function stakingRequirement() view returns (uint256)',
  'function maxContributors() view returns (uint256)',
  'function liquidatorRewardRatio() view returns (uint256)',
  'function poolShareOfLiquidationRatio() view returns (uint256)',
  'function recipientRatio() view returns (uint256)',
  'function designatedToken() view returns (address)',
  'function foundationPool() view returns (address)',
  'function isStarted() view returns (bool)',
]);

/** The ERC-20 functions of SESH (L1 SESH.sol and L2 SESHL2.sol) the adapter uses. */
export const seshAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
]);
