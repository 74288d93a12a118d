import type { TransportId, WebChatConfig } from '../model/config';
import type { TransportFactory } from './transport';

/** A page's config as a back end reads it (`contract.md` §2): the `webchat` block, its `transport` block and `transport.interactionData` (both `{}` when absent). */
export interface RawTransportConfig {
  webchat: WebChatConfig & Record<string, unknown>;
  transport: Record<string, unknown>;
  interactionData: Record<string, unknown>;
}

/** What a back end decides about the resolved config; the service reads the common keys itself. */
export interface TransportSettings {
  /** The base URL of every request, trailing slashes removed. */
  dataURL: string;
  /** Nexus async mode (`transport.async` with both callbacks, §14.5); `false` elsewhere. */
  asyncMode: boolean;
  /** The `ajaxTimeout` default, and the floor this back end imposes whatever the config says (cloud: 12 s, §2.2). */
  ajaxTimeout: { fallback: number; floor?: number };
  /** The `transport.maxMessagePageSize` default and range. */
  maxMessagePageSize: { fallback: number; min: number; max?: number };
  /** The `agentTypingTimeout` default. */
  agentTypingTimeout: number;
}

/** How a back end reads a page's config (`contract.md` §2, §2.5). */
export interface TransportConfigRules {
  /** The `transport.type` values that select this back end; `''` stands for absent (GMS, the default). */
  types: readonly string[];
  /** Among the back ends of one type, whether this one takes the config (GMS: REST unless `cometD.enabled`); absent = yes. */
  selects?(webchat: Record<string, unknown>): boolean;
  /** The back end's settings, or the contract's rejection text when a key it requires is missing. */
  resolveConfig(raw: RawTransportConfig): TransportSettings | { rejection: string };
}

/**
 * One back end as data: its id, how it reads the config and how it is made. The service never
 * branches on the transport type; it looks the descriptor up.
 */
export interface TransportDescriptor extends TransportConfigRules {
  type: TransportId;
  create: TransportFactory;
}

/** A URL without trailing slashes (every back end's `dataURL`). */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
