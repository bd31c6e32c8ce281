import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

/**
 * Makes GraphiQL's tabs answer mouse clicks from the first load. Its tabs are
 * draggable (framer-motion Reorder items); with several default tabs, the
 * items mount with a drag offset left over (a non-zero `x`, visible as
 * `transform: translateX(…)` on every tab but the last). A press on such a tab
 * starts a drag that snaps it back to its origin: the tab jumps from under the
 * pointer between `pointerdown` and `pointerup`, so the browser fires no
 * `click` (its target would be two elements) and the tab is never selected;
 * the keyboard, which clicks the button in place, works. This notes the tab
 * button a primary press starts on and, when the pointer is released within a
 * few pixels (a click, not a drag), clicks that button itself when the browser
 * did not. Dragging tabs to reorder them still works.
 */
const TAB_CLICK_FIX = `<script>
(function () {
  var pressed = null;
  document.addEventListener('pointerdown', function (event) {
    var target = event.target instanceof Element ? event.target.closest('.graphiql-tab-button') : null;
    pressed = target && event.button === 0 ? { button: target, x: event.clientX, y: event.clientY, clicked: false } : null;
  }, true);
  document.addEventListener('click', function (event) {
    if (pressed && event.target instanceof Element && pressed.button.contains(event.target)) pressed.clicked = true;
  }, true);
  document.addEventListener('pointerup', function (event) {
    var press = pressed;
    if (!press || Math.abs(event.clientX - press.x) > 4 || Math.abs(event.clientY - press.y) > 4) return;
    // The browser's click, when it comes, comes right after pointerup: wait for it before clicking.
    setTimeout(function () {
      if (!press.clicked && press.button.isConnected) press.button.click();
      if (pressed === press) pressed = null;
    }, 0);
  }, true);
})();
</script>`;

/**
 * yoga's GraphiQL page (scripts and styles from `@graphql-yoga/render-graphiql`, no CDN) with its
 * example tabs clickable on first load (see `TAB_CLICK_FIX` above).
 *
 * @example
 * ```ts
 * import { renderGatewayGraphiQL } from '@tokenomics/gateway';
 * import { createSchema, createYoga } from 'graphql-yoga';
 *
 * const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }' });
 * createYoga({ schema, renderGraphiQL: renderGatewayGraphiQL, graphiql: { defaultTabs: [{ query: '{ ok }' }] } });
 * ```
 */
export function renderGatewayGraphiQL(options?: GraphiQLOptions): string {
  const page = renderGraphiQL(options);
  const end = page.lastIndexOf('</body>');
  return end === -1 ? page + TAB_CLICK_FIX : page.slice(0, end) + TAB_CLICK_FIX + page.slice(end);
}
