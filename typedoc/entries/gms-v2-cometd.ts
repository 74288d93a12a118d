/**
 * The GMS Chat API v2 over CometD back end (`cometD.enabled: true`), for `composeWebChatService`.
 *
 * @module webchat-rx/transports/gms-v2-cometd
 */
export * from '../../lib/transports/gms-v2-cometd/createGmsCometdTransport';
