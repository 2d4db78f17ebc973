/**
 * Kiosk mode, for events and shared tablets (issue 23): how it is configured, and its one timer.
 * The session decides what each moment means (back to the start, a warning, the answers
 * cleared); this module only keeps time, so the pauses are plain numbers a test can shorten.
 */
import { COLLECTION_METHODS, type CollectionMethod } from '../response/schema.js';

/** The element's attributes, as given (any text: only known values count). */
export interface KioskOptions {
  mode: string | null;
  collection: string | null;
  /** Seconds from the confirmation to the return to the start. */
  kioskReturnAfter: number;
  /** Seconds without input before the warning. */
  kioskIdleAfter: number;
  /** Seconds the warning stays before the answers are cleared. */
  kioskWarningFor: number;
}

/** What the session works with. */
export interface KioskSettings {
  kiosk: boolean;
  /** Recorded in every response (`collection`). */
  collection: CollectionMethod;
  returnAfterSeconds: number;
  idleAfterSeconds: number;
  warningForSeconds: number;
}

/** The defaults: a minute to read the confirmation, three minutes' pause, a minute's warning. */
export const KIOSK_DEFAULTS = { kioskReturnAfter: 60, kioskIdleAfter: 180, kioskWarningFor: 60 };

/** A positive number of seconds, else the default (an attribute with a typo means the default). */
const seconds = (value: number, fallback: number) =>
  Number.isFinite(value) && value > 0 ? value : fallback;

/**
 * Settings from the element's attributes: `mode="kiosk"` turns kiosk mode on; `collection` names
 * how responses are collected (`assisted`, `paper`, …) and wins; without it, kiosk mode records
 * `kiosk` and otherwise `self`. An unknown `collection` is reported and means the default.
 */
export function kioskSettings(options: KioskOptions): KioskSettings {
  const kiosk = options.mode === 'kiosk';
  const named = COLLECTION_METHODS.find((method) => method === options.collection);
  if (options.collection !== null && !named) {
    console.warn(
      `values-survey: collection="${options.collection}" is not one of ${COLLECTION_METHODS.join(', ')}; using the default.`,
    );
  }
  return {
    kiosk,
    collection: named ?? (kiosk ? 'kiosk' : 'self'),
    returnAfterSeconds: seconds(options.kioskReturnAfter, KIOSK_DEFAULTS.kioskReturnAfter),
    idleAfterSeconds: seconds(options.kioskIdleAfter, KIOSK_DEFAULTS.kioskIdleAfter),
    warningForSeconds: seconds(options.kioskWarningFor, KIOSK_DEFAULTS.kioskWarningFor),
  };
}

/** One pending pause at a time: the return after the confirmation, or idle then warning. */
export class KioskTimer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #warn: () => void;
  readonly #reset: () => void;

  /** `warn` shows the idle warning; `reset` clears everything for the next person. */
  constructor(warn: () => void, reset: () => void) {
    this.#warn = warn;
    this.#reset = reset;
  }

  /** After the confirmation: back to the start in `returnAfter` seconds. */
  afterConfirmation(returnAfter: number) {
    this.stop();
    this.#timer = setTimeout(this.#reset, returnAfter * 1000);
  }

  /** Input (or a new step): the warning in `idleAfter` seconds, the clear `warningFor` after. */
  idle(idleAfter: number, warningFor: number) {
    this.stop();
    this.#timer = setTimeout(() => {
      this.#warn();
      this.#timer = setTimeout(this.#reset, warningFor * 1000);
    }, idleAfter * 1000);
  }

  stop() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
