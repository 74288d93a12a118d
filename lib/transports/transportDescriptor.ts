import type { ResolvedConfig, TransportId, WebChatConfig } from '../model/config';
import type { TransportFactory } from './transport';

/**
 * Reads one key of a page's config by the product rule (`contract.md` §2): absent → `fallback`;
 * invalid or out of range → `fallback` and a warning. A key `transport.x` reads the transport block;
 * `value` overrides what is read (aliases).
 */
export interface ConfigReader {
  number(key: string, fallback: number, min?: number, max?: number, value?: unknown): number;
  boolean(key: string, fallback: boolean, value?: unknown): boolean;
}

/** A page's config as a back end reads it (`contract.md` §2): the `webchat` block, its `transport` block and `transport.interactionData` (both `{}` when absent). */
export interface RawTransportConfig {
  webchat: WebChatConfig & Record<string, unknown>;
  transport: Record<string, unknown>;
  interactionData: Record<string, unknown>;
  /** How to read a key of them with the service's warn-and-default rule. */
  read: ConfigReader;
}

/** The keys whose default or range depends on the back end: each descriptor resolves them. */
export type TransportSettings = Pick<ResolvedConfig, 'dataURL' | 'asyncMode' | 'ajaxTimeout' | 'agentTypingTimeout'> & {
  /** `transport.maxMessagePageSize`, in the back end's range. */
  maxMessagePageSize: number;
};

/** The keys every back end shares, resolved by the service before it asks the descriptor for the rest. */
export type CommonConfig = Omit<ResolvedConfig, 'transportId' | keyof TransportSettings | 'transport'> & {
  transport: Omit<ResolvedConfig['transport'], 'maxMessagePageSize'>;
};

/** How a back end reads a page's config (`contract.md` §2, §2.5). */
export interface TransportConfigRules {
  /** The `transport.type` values that select this back end; `''` stands for absent (GMS, the default). */
  types: readonly string[];
  /** Among the back ends of one type, whether this one takes the config (GMS: REST unless `cometD.enabled`); absent = yes. */
  selects?(webchat: Record<string, unknown>): boolean;
  /**
   * The back end's own keys, given the raw config and the common keys the service resolved first;
   * or the contract's rejection text when a key it requires is missing.
   */
  resolveConfig(raw: RawTransportConfig, common: CommonConfig): TransportSettings | { rejection: string };
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

/** `agentTypingTimeout`, read from the transport block first (§2.4), `fallback` when absent. */
export function readAgentTypingTimeout({ read, transport, webchat }: RawTransportConfig, fallback: number): number {
  return read.number('agentTypingTimeout', fallback, 0, undefined, transport.agentTypingTimeout ?? webchat.agentTypingTimeout);
}
