/**
 * The public API without the back ends: compose the service from the transports you import, so a bundle keeps only those.
 *
 * @module webchat-rx/core
 */
export * from '../../lib/core';
