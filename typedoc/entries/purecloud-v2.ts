/**
 * The Genesys Cloud guest chat back end, for `composeWebChatService`.
 *
 * @module webchat-rx/transports/purecloud-v2
 */
export * from '../../lib/transports/purecloud-v2/createPurecloudTransport';
