/**
 * The entry of `dist/webchat-rx.cxbus.min.js`, the one `<script>` a legacy page loads: it reads
 * `window._genesys.widgets` and sets up `window.CXBus`, `_genesys.widgets.bus` and the
 * `WebChatService` plugin in the shipped bootstrap order (see `bootstrapWidgets`). The page's
 * globals are touched here and nowhere else in `lib/cxbus/`.
 */
import { createWebChatService } from '../createWebChatService';
import { cookieStorage } from '../storage/cookieStorage';
import { bootstrapWidgets } from './bootstrapWidgets';
import type { WidgetsWindow } from './bootstrapWidgets';
import { pageStorage } from './pageStorage';

const page = window as Window & WidgetsWindow;
let local: Storage | undefined;
try {
  local = window.localStorage;
} catch {
  // Blocked storage (sandboxed iframe, privacy settings): cookies or memory instead.
}
const storage = pageStorage(location, local);

bootstrapWidgets({
  window: page,
  // The App's auto-load list lives where the service's session does (a cookie, as shipped, where cookies work).
  storage: storage ?? cookieStorage(page._genesys?.widgets?.main?.cookieOptions),
  logger: console,
  createService: (webchat, main) => createWebChatService(webchat, { main, storage }),
});
