/**
 * Runs the outbox for as long as the element is on the page: started when it connects (so
 * responses from earlier visits go too), stopped when it leaves, and replaced when the endpoint
 * or the send options change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openOutboxStore } from '../storage/outbox-store.js';
import type { SurveyResponse } from '../response/schema.js';
import { Outbox, type DeliveryState } from './outbox.js';
import type { SendOptions } from './send.js';

export interface DeliverySettings {
  endpoint: string;
  send: SendOptions;
}

export class DeliveryController implements ReactiveController {
  private outbox: Outbox | undefined;
  private key = '';
  private connected = false;
  private settings: DeliverySettings | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onState: (id: string, state: DeliveryState) => void,
  ) {
    host.addController(this);
  }

  /** Points delivery at `settings` (or nowhere: a preview), keeping the outbox if unchanged. */
  configure(settings: DeliverySettings | undefined) {
    const key = JSON.stringify(settings ?? null);
    if (key === this.key) return;
    this.key = key;
    this.settings = settings;
    this.outbox?.stop();
    this.outbox = undefined;
    if (this.connected) this.start();
  }

  /** Writes the response to the outbox (durably), then sends it. Resolves after the write. */
  async enqueue(response: SurveyResponse): Promise<void> {
    if (!this.outbox) throw new Error('values-survey: no endpoint to send to');
    await this.outbox.enqueue(response);
  }

  /** The respondent pressed Try again. */
  retry(id: string): Promise<void> {
    return this.outbox?.retry(id) ?? Promise.resolve();
  }

  /** Whether the outbox could only keep responses in memory (lost if the page closes). */
  get inMemoryOnly(): boolean {
    return openOutboxStore().mode === 'memory';
  }

  hostConnected() {
    this.connected = true;
    this.start();
  }

  hostDisconnected() {
    this.connected = false;
    this.outbox?.stop();
  }

  private start() {
    if (!this.settings) return;
    this.outbox ??= new Outbox({
      endpoint: this.settings.endpoint,
      store: openOutboxStore(),
      send: this.settings.send,
      onState: this.onState,
    });
    this.outbox.start();
  }
}
