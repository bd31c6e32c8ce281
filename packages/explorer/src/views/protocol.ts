import { dateTime, decimal, type GatewayClient } from '@tokenomics/client';
import {
  AprAtQuery,
  type Derivation,
  type DriftPoint,
  errorText,
  type Headline,
  type Interval,
  instant,
  type Overrides,
  type Overview,
  OverviewQuery,
  type ProtocolSummary,
  QuoteFeeQuery,
  type SchedulePoint,
  ScheduleQuery,
  SimulatePenaltyQuery,
} from '../api.js';
import {
  type Chart,
  chartUnavailable,
  compactTick,
  drawChart,
  explorerState,
  percentTick,
} from '../charts.js';
import { h, uid } from '../dom.js';
import { amountText, dateText, parameterText, percentText } from '../format.js';
import { modelDrift, type ObservedPoint, observedSupply } from '../history.js';
import { watchProtocol } from '../live.js';
import { type WhatIfControl, whatIfControl } from './controls.js';

/** How many instants the emission/APR chart asks the APR at (one request each, in parallel). */
export const APR_SAMPLES = 12;

const COLORS = {
  total: '#1f4e9c',
  circulating: '#0b7a3e',
  liquid: '#7a3fa0',
  pool: '#b35900',
  emission: '#1f4e9c',
  apr: '#0b7a3e',
  observed: '#c0143c',
};

/** Figures the drift table shows as rates, not amounts. */
const RATE_FIGURES = new Set(['bondedRatio', 'emissionRate', 'stakingApr', 'rate']);

/** The observed figures drawn as points over the supply chart's modelled lines. */
const OBSERVED: { key: string; label: string; color: string; pick: (p: ObservedPoint) => string | null }[] = [
  { key: 'observedTotal', label: 'Observed total', color: COLORS.total, pick: (p) => p.total },
  {
    key: 'observedCirculating',
    label: 'Observed circulating',
    color: COLORS.circulating,
    pick: (p) => p.circulating,
  },
  { key: 'observedLiquid', label: 'Observed liquid', color: COLORS.liquid, pick: (p) => p.liquid },
  { key: 'observedPool', label: 'Observed reward pool', color: COLORS.pool, pick: (p) => p.poolBalance },
];

/** Counts a request in `window.__explorer.pending` while it runs (tests wait for 0). */
async function tracked<T>(work: Promise<T>): Promise<T> {
  const state = explorerState();
  state.pending += 1;
  try {
    return await work;
  } finally {
    state.pending -= 1;
  }
}

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function dayInput(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function linkOrText(source: string): Node {
  return /^https:\/\//.test(source)
    ? h(
        'a',
        { href: source, rel: 'noopener noreferrer', target: '_blank' },
        source.replace(/^https:\/\//, '').slice(0, 60) + (source.length > 68 ? '…' : ''),
      )
    : document.createTextNode(source);
}

/** A parameter's source: the first reference shown, the others behind a disclosure. */
function sourceLink(source: string): Node {
  const [first = source, ...rest] = source.split('; ');
  if (rest.length === 0) return linkOrText(first);
  return h(
    'div',
    {},
    linkOrText(first),
    h(
      'details',
      {},
      h('summary', {}, `${rest.length} more`),
      h('ul', {}, ...rest.map((item) => h('li', {}, linkOrText(item)))),
    ),
  );
}

/**
 * The tooltip of a headline figure: its derivation (formula, inputs, source) when computed, or
 * where it was read from when not.
 */
function derivationTip(id: string, derivation: Derivation | null | undefined, readFrom: string): HTMLElement {
  if (!derivation) {
    return h(
      'div',
      { role: 'tooltip', id, class: 'tip' },
      h('p', {}, `Read, not computed. Source: ${readFrom}`),
    );
  }
  return h(
    'div',
    { role: 'tooltip', id, class: 'tip' },
    h('p', { class: 'formula' }, derivation.formula),
    h(
      'ul',
      { class: 'inputs' },
      ...derivation.inputs.slice(0, 14).map((input) => h('li', {}, `${input.name} = ${input.value}`)),
    ),
    h('p', {}, `Source: ${derivation.source}`),
  );
}

interface Figure {
  key: string;
  label: string;
  /** The instant the figure is for (as served): tests ask the API at the same one. */
  at: string;
  value: string | null;
  text: string;
  derivation: Derivation | null | undefined;
}

function headlineFigures(overview: Headline): Figure[] {
  const { supply, rewards, token } = overview;
  const symbol = token.symbol;
  const amount = (value: string | null | undefined) =>
    value == null ? 'not known' : amountText(value, symbol);
  const figures: Figure[] = [];
  if (supply) {
    figures.push(
      {
        key: 'max',
        label: 'Max supply',
        at: supply.at,
        value: supply.max,
        text: supply.max === null ? 'no cap' : amount(supply.max),
        derivation: supply.maxDerivation,
      },
      {
        key: 'total',
        label: 'Total supply',
        at: supply.at,
        value: supply.total,
        text: amount(supply.total),
        derivation: supply.totalDerivation,
      },
      {
        key: 'circulating',
        label: 'Circulating',
        at: supply.at,
        value: supply.circulating,
        text: amount(supply.circulating),
        derivation: supply.circulatingDerivation,
      },
      {
        key: 'liquid',
        label: 'Liquid',
        at: supply.at,
        value: supply.liquid,
        text: amount(supply.liquid),
        derivation: supply.liquidDerivation,
      },
      {
        key: 'staked',
        label: 'Staked',
        at: supply.at,
        value: supply.staked,
        text: amount(supply.staked),
        derivation: supply.stakedDerivation,
      },
    );
  }
  if (rewards) {
    figures.push(
      {
        key: 'apr',
        label: 'Staking APR',
        at: rewards.at,
        value: rewards.stakingApr,
        text: `${percentText(rewards.stakingApr)} per year`,
        derivation: rewards.derivation,
      },
      {
        key: 'emission',
        label: 'Emission rate',
        at: rewards.at,
        value: rewards.emissionRate,
        text: `${percentText(rewards.emissionRate)} per year (${amountText(rewards.annualEmission, symbol, 0)}/yr)`,
        derivation: rewards.derivation,
      },
    );
  }
  return figures;
}

/** The state of one protocol's panel: its what-ifs and its chart range. */
interface PanelState {
  overrides: Map<string, string>;
  base: Map<string, string>;
  from: Date;
  to: Date;
  interval: Interval;
}

/**
 * Renders one protocol's panel into `panel`: headline figures with their derivations, what-if
 * controls, the supply chart (unlocks marked, observed points overlaid when there are any) over a
 * chosen range, the emission/APR chart, the parameters table, a fee calculator and a slashing
 * simulator. Every API error is shown in words in the panel's alert region. Returns a function
 * that stops the panel's live updates.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { renderProtocol } from './protocol.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const stop = renderProtocol(document.body, client, { id: 'session', name: 'Session' } as never);
 * ```
 */
export function renderProtocol(
  panel: HTMLElement,
  client: GatewayClient,
  summary: ProtocolSummary,
): () => void {
  const today = utcDay(new Date());
  const live = summary.source.kind === 'LIVE';
  const state: PanelState = {
    overrides: new Map(),
    base: new Map(),
    // A live protocol's chart starts three months back, so what was observed lately shows over the model.
    from: live
      ? new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, today.getUTCDate()))
      : today,
    to: new Date(Date.UTC(today.getUTCFullYear() + 5, today.getUTCMonth(), today.getUTCDate())),
    interval: 'MONTH',
  };
  const alertBox = h('div', { class: 'alert', role: 'alert', 'data-alert': summary.id });
  const errors = new Map<string, string>();
  const report = (where: string, message: string | null) => {
    if (message === null) errors.delete(where);
    else errors.set(where, message);
    alertBox.replaceChildren(...[...errors].map(([area, text]) => h('p', {}, `${area}: ${text}`)));
  };

  const sourceLine = h('p', { class: 'source' });
  const sourceText = h('span');
  // "live · block N": shown while the update stream is open (a LIVE source on a gateway that streams updates).
  const liveBadge = h('span', {
    class: 'live-badge',
    'data-live': summary.id,
    'data-state': 'off',
    'aria-live': 'polite',
    hidden: true,
  });
  sourceLine.append(sourceText, liveBadge);
  let liveState: 'live' | 'retrying' | 'off' = 'off';
  /** Why a live source has no updates (the gateway streams none), shown quietly in the badge. */
  let liveOff: string | null = null;
  let shownHeight: string | null = summary.source.height ?? null;
  const showLive = () => {
    liveBadge.dataset.state = liveState;
    liveBadge.dataset.height = shownHeight ?? '';
    liveBadge.hidden = liveState === 'off' && liveOff === null;
    liveBadge.title = liveOff ?? '';
    liveBadge.textContent =
      liveState === 'live'
        ? `live · block ${shownHeight ?? '…'}`
        : liveState === 'retrying'
          ? `reconnecting · block ${shownHeight ?? '…'}`
          : liveOff !== null
            ? 'no live updates'
            : '';
  };
  const observedNote = h('p', { class: 'hint observed-note', 'data-observed': summary.id });
  const driftBox = h('div', { class: 'drift', 'data-drift': summary.id });
  const figures = h('dl', { class: 'figures', 'data-figures': summary.id });
  const controls = h('div', { class: 'controls' });
  const controlList: WhatIfControl[] = [];
  const resetButton = h('button', { type: 'button', class: 'secondary' }, 'Reset what-ifs');
  const overridesLine = h(
    'p',
    { class: 'overrides', 'aria-live': 'polite' },
    'Model as published: no what-ifs.',
  );
  const supplyChartBox = h('div', { class: 'chart', 'data-chart': 'supply' });
  const emissionChartBox = h('div', { class: 'chart', 'data-chart': 'emission' });
  const unlockList = h('ul', { class: 'unlocks' });
  const parametersBody = h('tbody');
  const feeSection = h('section', { class: 'card', 'aria-labelledby': `${summary.id}-fees` });
  const penaltySection = h('section', { class: 'card', 'aria-labelledby': `${summary.id}-penalties` });

  const fromId = uid('from');
  const toId = uid('to');
  const intervalId = uid('interval');
  const fromInput = h('input', { type: 'date', id: fromId, value: dayInput(state.from), required: true });
  const toInput = h('input', { type: 'date', id: toId, value: dayInput(state.to), required: true });
  const intervalSelect = h(
    'select',
    { id: intervalId },
    ...(['DAY', 'WEEK', 'MONTH', 'YEAR'] as const).map((interval) =>
      h('option', { value: interval, selected: interval === state.interval }, interval.toLowerCase()),
    ),
  );
  const rangeForm = h(
    'form',
    { class: 'range' },
    h('div', {}, h('label', { for: fromId }, 'From'), fromInput),
    h('div', {}, h('label', { for: toId }, 'To'), toInput),
    h('div', {}, h('label', { for: intervalId }, 'Step'), intervalSelect),
    h('button', { type: 'submit' }, 'Draw'),
  );

  panel.replaceChildren(
    h('h2', {}, `${summary.name} (${summary.token.symbol})`),
    sourceLine,
    alertBox,
    h(
      'section',
      { 'aria-labelledby': `${summary.id}-figures` },
      h('h3', { id: `${summary.id}-figures` }, 'Headline figures'),
      figures,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': `${summary.id}-whatif` },
      h('h3', { id: `${summary.id}-whatif` }, 'What if…'),
      h(
        'p',
        { class: 'hint' },
        'Vary a model parameter: every figure and chart is asked again with the override.',
      ),
      controls,
      h('div', { class: 'row' }, resetButton, overridesLine),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': `${summary.id}-supply` },
      h('h3', { id: `${summary.id}-supply` }, 'Supply over time'),
      rangeForm,
      supplyChartBox,
      observedNote,
      driftBox,
      h('h4', {}, 'Unlock events in this range'),
      unlockList,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': `${summary.id}-emission` },
      h('h3', { id: `${summary.id}-emission` }, 'Emission rate and staking APR'),
      emissionChartBox,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': `${summary.id}-parameters` },
      h('h3', { id: `${summary.id}-parameters` }, 'Parameters'),
      h(
        'div',
        { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Parameters table' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Parameter'),
              h('th', { scope: 'col' }, 'Value'),
              h('th', { scope: 'col' }, 'Source'),
              h('th', { scope: 'col' }, 'Assumption'),
            ),
          ),
          parametersBody,
        ),
      ),
    ),
    h('div', { class: 'tools' }, feeSection, penaltySection),
  );

  const overridesList = (): Overrides => [...state.overrides].map(([key, value]) => ({ key, value }));
  const charts: Chart[] = [];
  let generation = 0;

  /** The source line and the headline figures, from the overview or from a live update. */
  function showHeadline(overview: Headline): void {
    const { source } = overview;
    if (source.height) shownHeight = source.height;
    showLive();
    sourceText.replaceChildren(
      h(
        'span',
        { class: `kind kind-${source.kind.toLowerCase()}` },
        source.kind === 'LIVE' ? 'Live' : 'Snapshot',
      ),
      ` ${source.description}`,
      source.fetchedAt ? ` Read ${new Date(source.fetchedAt).toISOString()}.` : '',
      source.height
        ? ` Block ${source.height}${source.blockTime ? ` of ${new Date(source.blockTime).toISOString()}` : ''}.`
        : '',
      source.stale ? ' (stale: the last good state)' : '',
      ' ',
    );
    report('Source', source.error ? `${source.error.code}: ${source.error.message}` : null);
    figures.replaceChildren(
      ...headlineFigures(overview).map((figure) => {
        const tipId = uid(`tip-${figure.key}`);
        return h(
          'div',
          { class: 'figure' },
          h('dt', {}, figure.label),
          h(
            'dd',
            {},
            h(
              'span',
              {
                class: 'value',
                'data-figure': figure.key,
                'data-value': figure.value ?? '',
                'data-at': figure.at,
              },
              figure.text,
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'how',
                'aria-describedby': tipId,
                'aria-label': `How ${figure.label.toLowerCase()} is found`,
              },
              '?',
            ),
            derivationTip(tipId, figure.derivation, source.description),
          ),
        );
      }),
    );
  }

  function showOverview(overview: Overview): void {
    showHeadline(overview);
    parametersBody.replaceChildren(
      ...overview.parameters.map((parameter) =>
        h(
          'tr',
          { 'data-parameter': parameter.key },
          h(
            'th',
            { scope: 'row', title: parameter.description },
            parameter.label,
            h('br'),
            h('code', {}, parameter.key),
          ),
          h('td', { class: 'num' }, parameterText(parameter)),
          h('td', { class: 'src' }, sourceLink(parameter.source)),
          h('td', {}, parameter.assumption ? h('span', { class: 'badge' }, 'assumption') : 'no'),
        ),
      ),
    );
    if (state.base.size === 0) {
      for (const parameter of overview.parameters) state.base.set(parameter.key, parameter.value);
      for (const parameter of overview.parameters) {
        const control = whatIfControl(parameter, (value) => setOverride(parameter.key, value));
        if (control) {
          controlList.push(control);
          controls.append(control.element);
        }
      }
      buildCalculators(overview);
    }
  }

  function setOverride(key: string, value: string): void {
    if (value === '' || value === state.base.get(key)) state.overrides.delete(key);
    else state.overrides.set(key, value);
    overridesLine.textContent =
      state.overrides.size === 0
        ? 'Model as published: no what-ifs.'
        : `What-ifs: ${[...state.overrides].map(([k, v]) => `${k} = ${v}`).join(', ')}`;
    void load();
  }

  resetButton.addEventListener('click', () => {
    state.overrides.clear();
    for (const control of controlList) control.show(state.base.get(control.key) ?? '');
    setOverride('', '');
  });

  rangeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = new Date(`${fromInput.value}T00:00:00Z`);
    const to = new Date(`${toInput.value}T00:00:00Z`);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      report('Supply chart', 'Enter both dates.');
      return;
    }
    state.from = from;
    state.to = to;
    state.interval = intervalSelect.value as Interval;
    void loadCharts(generation);
  });

  async function loadOverview(run: number): Promise<void> {
    try {
      const data = await tracked(client.query(OverviewQuery, { id: summary.id, overrides: overridesList() }));
      if (run !== generation) return;
      if (!data.protocol) throw new Error(`The gateway no longer serves "${summary.id}".`);
      showOverview(data.protocol);
      report('Figures', null);
    } catch (error) {
      if (run === generation) report('Figures', errorText(error));
    }
  }

  /** Under the supply chart: why there are no observed points, or the model against the chain at the latest one. */
  function showObserved(recorded: [ObservedPoint[], DriftPoint[] | string] | string | null): void {
    driftBox.replaceChildren();
    if (recorded === null) {
      observedNote.textContent = 'A snapshot: nothing observed on chain.';
      return;
    }
    if (typeof recorded === 'string') {
      observedNote.textContent = `Observed points unavailable: ${recorded}`;
      return;
    }
    const [observed, drift] = recorded;
    if (observed.length === 0) {
      observedNote.textContent =
        'Nothing observed on chain in this range yet (the gateway records live sources as it runs).';
      return;
    }
    const last = observed.at(-1)!;
    observedNote.textContent = `${observed.length} observed on chain in this range (points), the latest at block ${last.height} on ${dateText(last.at)}.`;
    if (typeof drift === 'string') {
      driftBox.append(h('p', { class: 'hint' }, `Model against chain unavailable: ${drift}`));
      return;
    }
    const latest = drift.at(-1);
    if (!latest) return;
    const symbol = summary.token.symbol;
    const text = (figure: string, value: string) =>
      RATE_FIGURES.has(figure) ? percentText(value) : amountText(value, symbol);
    const signed = (figure: string, value: string) =>
      value.startsWith('-') ? `−${text(figure, value.slice(1))}` : `+${text(figure, value)}`;
    driftBox.append(
      h('h4', {}, `Model against chain at block ${latest.height} (${dateText(latest.at)})`),
      h(
        'div',
        { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Model against chain' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Figure'),
              h('th', { scope: 'col' }, 'Observed'),
              h('th', { scope: 'col' }, 'Published model'),
              h('th', { scope: 'col' }, 'Drift (observed − model)'),
            ),
          ),
          h(
            'tbody',
            {},
            ...latest.figures.map((figure) =>
              h(
                'tr',
                { 'data-drift-figure': figure.figure },
                h('th', { scope: 'row' }, figure.figure),
                h('td', { class: 'num' }, text(figure.figure, figure.observed)),
                h('td', { class: 'num' }, text(figure.figure, figure.modelled)),
                h(
                  'td',
                  { class: 'num', 'data-value': figure.difference },
                  signed(figure.figure, figure.difference),
                  figure.relative === null ? '' : ` (${signed('rate', figure.relative)})`,
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function loadCharts(run: number): Promise<void> {
    const { from, to, interval } = state;
    const overrides = overridesList();
    try {
      const [data, recorded] = await Promise.all([
        tracked(
          client.query(ScheduleQuery, {
            id: summary.id,
            from: instant(from),
            to: instant(to),
            interval,
            overrides,
          }),
        ),
        live
          ? tracked(
              Promise.all([
                observedSupply(client, { protocolId: summary.id, from, to, interval }),
                modelDrift(client, { protocolId: summary.id, from, to, interval }).catch((error: unknown) =>
                  errorText(error),
                ),
              ]),
            ).catch((error: unknown) => errorText(error))
          : Promise.resolve(null),
      ]);
      if (run !== generation) return;
      const schedule = data.protocol?.schedule;
      if (!schedule || schedule.length === 0) throw new Error('This protocol has no schedule to draw.');
      const unlocks = data.protocol?.unlocks ?? [];
      const observed: ObservedPoint[] = Array.isArray(recorded) ? recorded[0] : [];
      showObserved(recorded);
      for (const chart of charts.splice(0)) chart.destroy();
      // Observed readings sit at their own instants: the modelled series have no value there.
      const modelAt = schedule.map((point) => new Date(point.at));
      const observedAt = observed.map((point) => point.at);
      const xs = [...new Map([...modelAt, ...observedAt].map((at) => [at.getTime(), at])).values()].sort(
        (a, b) => a.getTime() - b.getTime(),
      );
      const modelIndex = new Map(schedule.map((point) => [new Date(point.at).getTime(), point]));
      const observedIndex = new Map(observed.map((point) => [point.at.getTime(), point]));
      const along = (pick: (point: SchedulePoint) => string | null) =>
        xs.map((at) => {
          const point = modelIndex.get(at.getTime());
          return point ? pick(point) : null;
        });
      const symbol = summary.token.symbol;
      const amount = (value: string) => amountText(value, symbol);
      const series = [
        { key: 'total', label: 'Total', color: COLORS.total, values: along((p) => p.total), format: amount },
        {
          key: 'circulating',
          label: 'Circulating',
          color: COLORS.circulating,
          values: along((p) => p.circulating),
          format: amount,
        },
        ...(schedule.some((p) => p.liquid !== null)
          ? [
              {
                key: 'liquid',
                label: 'Liquid',
                color: COLORS.liquid,
                values: along((p) => p.liquid),
                format: amount,
              },
            ]
          : []),
        ...(schedule.some((p) => p.poolBalance !== null)
          ? [
              {
                key: 'pool',
                label: 'Reward pool',
                color: COLORS.pool,
                values: along((p) => p.poolBalance),
                format: amount,
                dash: [4, 3],
              },
            ]
          : []),
        // Each figure observed on chain, as points over its modelled line (same colour).
        ...OBSERVED.filter(({ pick }) => observed.some((p) => pick(p) !== null)).map(
          ({ key, label, color, pick }) => ({
            key,
            label,
            color,
            values: xs.map((at) => {
              const reading = observedIndex.get(at.getTime());
              return reading ? pick(reading) : null;
            }),
            format: amount,
            pointsOnly: true,
          }),
        ),
      ];
      charts.push(
        drawChart(supplyChartBox, {
          name: `supply:${summary.id}`,
          title: `${summary.name} supply from ${dateText(from)} to ${dateText(to)}`,
          xs,
          series,
          // On the canvas the holding's key (the list under the chart says the rest in words).
          markers: unlocks.map((unlock) => ({
            at: new Date(unlock.start),
            label: `${unlock.bucket} unlock`,
          })),
          axis: compactTick,
        }),
      );
      unlockList.replaceChildren(
        ...(unlocks.length === 0
          ? [h('li', {}, 'No scheduled unlocks in this range.')]
          : unlocks.map((unlock) =>
              h(
                'li',
                {},
                `${dateText(unlock.start)}${unlock.end ? ` – ${dateText(unlock.end)}` : ''}: ${unlock.label}, ${amountText(unlock.amount, symbol)} (${unlock.kind.toLowerCase()}${unlock.steps ? `, ${unlock.steps} steps` : ''})`,
              ),
            )),
      );
      report('Supply chart', null);

      // The APR along the range: asked at a few instants (the schedule serves the emission rate only).
      const picks = new Set<number>();
      for (let i = 0; i < APR_SAMPLES; i += 1)
        picks.add(Math.round((i * (schedule.length - 1)) / Math.max(1, APR_SAMPLES - 1)));
      const aprAt = new Map<number, string>();
      const aprErrors: string[] = [];
      await Promise.all(
        [...picks].map(async (index) => {
          const at = schedule[index]!.at;
          try {
            const answer = await tracked(
              client.query(AprAtQuery, { id: summary.id, at: dateTime(at), overrides }),
            );
            const apr = answer.protocol?.rewards?.stakingApr;
            if (apr) aprAt.set(index, apr);
          } catch (error) {
            aprErrors.push(errorText(error));
          }
        }),
      );
      if (run !== generation) return;
      const rate = (value: string) => `${percentText(value)} per year`;
      charts.push(
        drawChart(emissionChartBox, {
          name: `emission:${summary.id}`,
          title: `${summary.name} emission rate and staking APR from ${dateText(from)} to ${dateText(to)}`,
          xs: modelAt,
          series: [
            {
              key: 'emissionRate',
              label: 'Emission rate',
              color: COLORS.emission,
              values: schedule.map((p) => p.emissionRate),
              format: rate,
            },
            ...(aprAt.size > 0
              ? [
                  {
                    key: 'stakingApr',
                    label: 'Staking APR',
                    color: COLORS.apr,
                    values: schedule.map((_p, i) => aprAt.get(i) ?? null),
                    format: rate,
                  },
                ]
              : []),
          ],
          axis: percentTick,
        }),
      );
      report('APR', aprErrors.length > 0 ? [...new Set(aprErrors)].join('; ') : null);
    } catch (error) {
      if (run !== generation) return;
      const message = errorText(error);
      report('Supply chart', message);
      for (const chart of charts.splice(0)) chart.destroy();
      chartUnavailable(supplyChartBox, `supply:${summary.id}`, message);
      chartUnavailable(emissionChartBox, `emission:${summary.id}`, message);
      unlockList.replaceChildren();
    }
  }

  async function load(): Promise<void> {
    generation += 1;
    const run = generation;
    await Promise.all([loadOverview(run), loadCharts(run)]);
  }

  function buildCalculators(overview: Overview): void {
    const symbol = overview.token.symbol;
    // The fee calculator.
    const feeId = uid('fee');
    const quantityId = uid('quantity');
    const priceId = uid('price');
    const feeResult = h('div', { class: 'result', 'aria-live': 'polite', 'data-result': 'fee' });
    feeSection.replaceChildren(h('h3', { id: `${summary.id}-fees` }, 'Fee calculator'));
    if (overview.fees.length === 0) {
      feeSection.append(h('p', {}, 'This protocol charges no modelled fees.'));
    } else {
      const feeSelect = h(
        'select',
        { id: feeId, name: 'fee' },
        ...overview.fees.map((fee) => h('option', { value: fee.key }, fee.label)),
      );
      const quantity = h('input', {
        id: quantityId,
        name: 'quantity',
        inputmode: 'decimal',
        value: '1',
        required: true,
        autocomplete: 'off',
      });
      const unitPrice = h('input', {
        id: priceId,
        name: 'unitPrice',
        inputmode: 'decimal',
        value: '100',
        required: true,
        autocomplete: 'off',
      });
      const describeFee = h('p', { class: 'hint' });
      const showFee = () => {
        const fee = overview.fees.find((f) => f.key === feeSelect.value);
        describeFee.textContent = fee?.description ?? '';
      };
      feeSelect.addEventListener('change', showFee);
      showFee();
      const form = h(
        'form',
        { class: 'calc', 'data-form': 'fee' },
        h('div', {}, h('label', { for: feeId }, 'Fee'), feeSelect),
        h('div', {}, h('label', { for: quantityId }, 'Quantity (units bought)'), quantity),
        h(
          'div',
          {},
          h('label', { for: priceId }, `Unit price (${symbol}; the fee itself for a network fee)`),
          unitPrice,
        ),
        h('button', { type: 'submit' }, 'Quote'),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const input = {
            fee: feeSelect.value,
            quantity: decimal(quantity.value.trim()),
            unitPrice: decimal(unitPrice.value.trim()),
            overrides: overridesList(),
          };
          const answer = await tracked(client.query(QuoteFeeQuery, { id: summary.id, input }));
          const quote = answer.protocol?.quoteFee;
          if (!quote) throw new Error('This protocol does not quote fees.');
          feeResult.replaceChildren(
            h(
              'p',
              {},
              'Total: ',
              h(
                'strong',
                { 'data-value': quote.total, 'data-out': 'total' },
                amountText(quote.total, symbol, 9),
              ),
            ),
            h(
              'p',
              {},
              `Base ${amountText(quote.base, symbol, 9)}, protocol fee ${amountText(quote.protocolFee, symbol, 9)}`,
            ),
            h(
              'ul',
              {},
              ...quote.allocations.map((a) => h('li', {}, `${a.target}: ${amountText(a.amount, symbol, 9)}`)),
            ),
            h('p', { class: 'formula' }, quote.derivation.formula),
          );
          report('Fee calculator', null);
        } catch (error) {
          feeResult.replaceChildren();
          report(
            'Fee calculator',
            error instanceof TypeError && !error.message.includes('fetch')
              ? `Enter amounts as plain decimals (${error.message}).`
              : errorText(error),
          );
        }
      });
      feeSection.append(form, describeFee, feeResult);
    }

    // The slashing simulator.
    const ruleId = uid('rule');
    const stakesId = uid('stakes');
    const missedId = uid('missed');
    const penaltyResult = h('div', { class: 'result', 'aria-live': 'polite', 'data-result': 'penalty' });
    penaltySection.replaceChildren(h('h3', { id: `${summary.id}-penalties` }, 'Slashing simulator'));
    if (overview.penalties.length === 0) {
      penaltySection.append(h('p', {}, 'This protocol applies no modelled penalties.'));
      return;
    }
    const ruleSelect = h(
      'select',
      { id: ruleId, name: 'rule' },
      ...overview.penalties.map((rule) => h('option', { value: rule.key }, rule.label)),
    );
    const stakes = h('input', {
      id: stakesId,
      name: 'stakes',
      value: '10000, 250000',
      required: true,
      autocomplete: 'off',
    });
    const missed = h('input', {
      id: missedId,
      name: 'missedBlocks',
      type: 'number',
      min: 0,
      step: 1,
      inputmode: 'numeric',
    });
    const trigger = h('p', { class: 'hint' });
    const showRule = () => {
      trigger.textContent = overview.penalties.find((rule) => rule.key === ruleSelect.value)?.trigger ?? '';
    };
    ruleSelect.addEventListener('change', showRule);
    showRule();
    const form = h(
      'form',
      { class: 'calc', 'data-form': 'penalty' },
      h('div', {}, h('label', { for: ruleId }, 'Rule'), ruleSelect),
      h(
        'div',
        {},
        h('label', { for: stakesId }, `Stakes (${symbol}, comma-separated: self-stake first)`),
        stakes,
      ),
      h('div', {}, h('label', { for: missedId }, 'Missed blocks (optional)'), missed),
      h('button', { type: 'submit' }, 'Simulate'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const input = {
          rule: ruleSelect.value,
          stakes: stakes.value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .map(decimal),
          ...(missed.value.trim() === '' ? {} : { missedBlocks: Number.parseInt(missed.value, 10) }),
          overrides: overridesList(),
        };
        const answer = await tracked(client.query(SimulatePenaltyQuery, { id: summary.id, input }));
        const outcome = answer.protocol?.simulatePenalty;
        if (!outcome) throw new Error('This protocol does not simulate penalties.');
        penaltyResult.replaceChildren(
          h(
            'p',
            {},
            outcome.triggered ? 'Triggered. ' : 'Not triggered. ',
            'Slashed in total: ',
            h(
              'strong',
              { 'data-value': outcome.slashedTotal, 'data-out': 'slashedTotal' },
              amountText(outcome.slashedTotal, symbol, 9),
            ),
          ),
          h(
            'p',
            {},
            outcome.tombstoned
              ? 'Jailed for ever (tombstoned).'
              : outcome.jailedSeconds !== null
                ? `Jailed for ${outcome.jailedSeconds} s.`
                : 'Not jailed.',
            outcome.lockedSeconds !== null ? ` Stake locked for ${outcome.lockedSeconds} s.` : '',
          ),
          h(
            'ul',
            {},
            ...outcome.stakes.map((stake, i) =>
              h(
                'li',
                {},
                `Stake ${i + 1}: ${amountText(stake.before, symbol, 9)} → ${amountText(stake.after, symbol, 9)} (−${amountText(stake.slashed, symbol, 9)})`,
              ),
            ),
          ),
          h('p', { class: 'formula' }, outcome.derivation.formula),
        );
        report('Slashing simulator', null);
      } catch (error) {
        penaltyResult.replaceChildren();
        report(
          'Slashing simulator',
          error instanceof TypeError && !error.message.includes('fetch')
            ? `Enter stakes as plain decimals (${error.message}).`
            : errorText(error),
        );
      }
    });
    penaltySection.append(form, trigger, penaltyResult);
  }

  void load();
  const liveTest = explorerState().live;
  const stop = live
    ? watchProtocol(client, summary.id, {
        onState: (next) => {
          liveState = next.state;
          // A gateway that streams no updates is a configuration, not an error: said in the badge's title.
          liveOff = next.state === 'off' ? next.message : null;
          showLive();
          liveTest[summary.id] = { ...(liveTest[summary.id] ?? { events: 0 }), state: next.state };
          if (next.state === 'retrying')
            report('Live updates', `${next.message}; trying again in ${next.inSeconds} s.`);
          else report('Live updates', null);
        },
        onUpdate: (update) => {
          liveTest[summary.id] = {
            state: 'live',
            events: (liveTest[summary.id]?.events ?? 0) + 1,
            height: update.source.height ?? null,
          };
          // The event is the headline at the change; with what-ifs on, the figures are asked again with them.
          if (state.overrides.size === 0) showHeadline(update);
          else void loadOverview(generation);
          void loadCharts(generation);
        },
      })
    : () => {};
  return () => {
    stop();
    delete liveTest[summary.id];
    for (const chart of charts.splice(0)) chart.destroy();
  };
}
