/**
 * Sets an element's width through the CSSOM (`element.style.width`), never as a `style`
 * attribute: a strict `style-src` without 'unsafe-inline' blocks style attributes, and Lit's
 * styleMap writes one on first render.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class WidthDirective extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('width() belongs on an element');
  }

  render(value: string) {
    void value;
    return noChange;
  }

  override update(part: ElementPart, [value]: [string]) {
    (part.element as HTMLElement).style.width = value;
    return noChange;
  }
}

/** `<span ${width('38%')}></span>` */
export const width = directive(WidthDirective);
