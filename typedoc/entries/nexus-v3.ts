/**
 * The Nexus chat v3 back end, for `composeWebChatService`.
 *
 * @module webchat-rx/transports/nexus-v3
 */
export * from '../../lib/transports/nexus-v3/createNexusTransport';
