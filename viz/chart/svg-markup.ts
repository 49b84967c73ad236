/**
 * A DOM-less document that builds SVG element trees and writes them as markup: enough of the DOM
 * for {@link renderChart} to draw into, so Node and a browser draw a chart with the same code.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element of a {@link MarkupDocument}: attributes, children and text, nothing more. */
export class MarkupElement {
  /** The element's attributes, in the order they were first set. */
  readonly attributes = new Map<string, string>();
  /** Child elements and text, in order. */
  readonly childNodes: (MarkupElement | string)[] = [];
  /** The element this one is a child of. */
  parent: MarkupElement | undefined;

  constructor(
    /** The document that made the element. */
    readonly ownerDocument: MarkupDocument,
    /** The tag name, for example `rect`. */
    readonly tagName: string,
  ) {}

  /** Sets an attribute. */
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  /** An attribute's value, or `null`. */
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  /** Removes an attribute. */
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  /** Appends children (moving elements from their old parent) and text. */
  append(...nodes: (MarkupElement | string)[]): void {
    for (const node of nodes) {
      if (typeof node !== 'string') {
        node.remove();
        node.parent = this;
      }
      this.childNodes.push(node);
    }
  }

  /** Inserts children at the start. */
  prepend(...nodes: MarkupElement[]): void {
    for (const node of nodes) {
      node.remove();
      node.parent = this;
    }
    this.childNodes.unshift(...nodes);
  }

  /** Detaches the element from its parent. */
  remove(): void {
    if (!this.parent) return;
    const siblings = this.parent.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parent = undefined;
  }

  /** The text of the element and its descendants; setting it replaces the children. */
  get textContent(): string {
    return this.childNodes.map((node) => (typeof node === 'string' ? node : node.textContent)).join('');
  }

  set textContent(text: string) {
    for (const node of this.childNodes) if (typeof node !== 'string') node.parent = undefined;
    this.childNodes.length = 0;
    if (text !== '') this.childNodes.push(text);
  }

  /** The element as XML markup. */
  get outerHTML(): string {
    const attributes = [...this.attributes].map(([name, value]) => ` ${name}="${escapeXml(value, true)}"`).join('');
    if (this.childNodes.length === 0) return `<${this.tagName}${attributes}/>`;
    const inner = this.childNodes.map((node) => (typeof node === 'string' ? escapeXml(node, false) : node.outerHTML)).join('');
    return `<${this.tagName}${attributes}>${inner}</${this.tagName}>`;
  }
}

/** The document of {@link MarkupElement}s. */
export class MarkupDocument {
  /** Creates an SVG element (the only namespace it knows). */
  createElementNS(namespace: string, tagName: string): MarkupElement {
    if (namespace !== SVG_NS) throw new TypeError(`a markup document makes SVG elements only, not ${namespace}`);
    return new MarkupElement(this, tagName);
  }
}

function escapeXml(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}
