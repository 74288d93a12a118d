/**
 * The GMS Chat API v2 back end, for `composeWebChatService`.
 *
 * @module webchat-rx/transports/gms-v2
 */
export * from '../../lib/transports/gms-v2/createGmsTransport';
