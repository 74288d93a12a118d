/**
 * The entry of `dist/webchat-rx.cxbus.all.min.js`, the all-in-one bundle for pages that want one
 * file: the service, the bus and all three back ends (nothing is loaded later). The core bundle
 * `dist/webchat-rx.cxbus.min.js` starts the same page without the back ends; its entry is generated
 * by `scripts/legacyBuilds.mjs`, which also builds the `webchat-rx.<id>.mod.js` modules.
 */
import { transportFactories } from '../transports/transportFactories';
import { startLegacyPage } from './legacyPage';

startLegacyPage(transportFactories);
