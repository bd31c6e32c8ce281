import './style.css';
import {
  errorText,
  explorerClient,
  type ProtocolSummary,
  ProtocolsQuery,
  type ProtocolsResult,
  partialData,
} from './api.js';
import { explorerState } from './charts.js';
import { h } from './dom.js';
import { renderCompare } from './views/compare.js';
import { renderProtocol } from './views/protocol.js';

const COMPARE = 'compare';

/** The page: a tab per configured protocol and one comparing them all, keyboard-operable (WAI-ARIA tabs). */
async function start(): Promise<void> {
  const state = explorerState();
  const client = explorerClient(new URL('/graphql', window.location.href));
  const alertBox = document.getElementById('page-alert')!;
  const tabList = document.getElementById('tabs')!;
  const panels = document.getElementById('panels')!;
  let protocols: readonly ProtocolSummary[] = [];
  state.pending += 1;
  try {
    protocols = (await client.query(ProtocolsQuery, {})).protocols;
  } catch (error) {
    const partial = partialData<ProtocolsResult>(error);
    alertBox.textContent = errorText(error);
    protocols = partial?.protocols ?? [];
  } finally {
    state.pending -= 1;
  }
  if (protocols.length === 0) {
    if (!alertBox.textContent) alertBox.textContent = 'The gateway serves no protocols.';
    return;
  }

  const ids = [...protocols.map((p) => p.id), COMPARE];
  const tabs = new Map<string, HTMLButtonElement>();
  const panelOf = new Map<string, HTMLElement>();
  const stops = new Map<string, () => void>();
  for (const id of ids) {
    const protocol = protocols.find((p) => p.id === id);
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${id}`,
        'aria-controls': `panel-${id}`,
        'aria-selected': 'false',
        tabindex: -1,
        'data-tab': id,
      },
      protocol ? protocol.name : 'Compare',
    );
    const panel = h('section', {
      role: 'tabpanel',
      id: `panel-${id}`,
      'aria-labelledby': `tab-${id}`,
      hidden: true,
      tabindex: 0,
    });
    tabs.set(id, tab);
    panelOf.set(id, panel);
    tabList.append(tab);
    panels.append(panel);
  }

  const select = (id: string, focus = false) => {
    for (const [other, tab] of tabs) {
      const selected = other === id;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      panelOf.get(other)!.hidden = !selected;
      if (!selected) {
        stops.get(other)?.();
        stops.delete(other);
      }
    }
    const panel = panelOf.get(id)!;
    if (id === COMPARE) renderCompare(panel, protocols);
    else if (!stops.has(id))
      stops.set(id, renderProtocol(panel, client, protocols.find((p) => p.id === id)!));
    if (focus) tabs.get(id)!.focus();
    if (window.location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  };

  tabList.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
    if (tab?.dataset.tab) select(tab.dataset.tab);
  });
  tabList.addEventListener('keydown', (event) => {
    const current = ids.findIndex((id) => tabs.get(id) === document.activeElement);
    if (current < 0) return;
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % ids.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + ids.length) % ids.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? ids.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    select(ids[next]!, true);
  });
  const wanted = window.location.hash.slice(1);
  select(ids.includes(wanted) ? wanted : ids[0]!);
}

void start();
