import { LitElement, css, html } from 'lit';

/**
 * A values survey for an NHS trust, embeddable with one script tag.
 *
 * @summary Asks which words of the Trust's values to keep or remove, and what its vision should be.
 */
export class ValuesSurvey extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  override render() {
    return html`<section aria-labelledby="title">
      <h2 id="title">Refresh our values, vision and mission</h2>
    </section>`;
  }
}
