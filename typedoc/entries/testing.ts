/**
 * The integrators' testing kit: a fake transport and helpers to test code over the service in virtual time.
 *
 * @module webchat-rx/testing
 */
export * from '../../lib/testing/index';
