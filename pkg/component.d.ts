// <santei-claim-check>: a custom element that evaluates a claim and shows the result.
import type { Claim, Envelope, Evaluation, ErrorEnvelope, InitOptions, VersionInfo } from './index.js';

export * from './index.js';

/** `detail` is the ok envelope: the evaluation with status "ok". */
export interface SanteiEvaluatedEvent extends CustomEvent<Evaluation & { status: 'ok' }> {}
export interface SanteiErrorEvent extends CustomEvent<ErrorEnvelope> {}

export declare class SanteiClaimCheck extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The claim to evaluate (setting it evaluates; the `claim` attribute takes JSON text). */
  claim: Claim | null;
  /** The last envelope (evaluation or error), or null before the first evaluation. */
  readonly result: Envelope<Evaluation> | null;
  /** The engine's version() once loaded. */
  readonly versionInfo: Envelope<VersionInfo> | null;
  /** Evaluates the current claim again; resolves to the envelope also sent in the event. */
  evaluate(): Promise<Envelope<Evaluation> | null>;
}

/** Registers the element under `name` (default "santei-claim-check"); `options` go to init(). */
export function defineSanteiClaimCheck(name?: string, options?: InitOptions): typeof SanteiClaimCheck;

declare global {
  interface HTMLElementTagNameMap {
    'santei-claim-check': SanteiClaimCheck;
  }
  interface HTMLElementEventMap {
    'santei-evaluated': SanteiEvaluatedEvent;
    'santei-error': SanteiErrorEvent;
  }
}
