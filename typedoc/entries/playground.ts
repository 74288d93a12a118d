/**
 * The simulated contact center (Node): the three back ends over real HTTP and WebSocket on localhost, an agent simulator, an agent API and fault injection.
 *
 * @module webchat-rx/playground
 */
export * from '../../playground/server/index';
