// What Ant Design and React Router expect of a browser that jsdom does not provide. Runs before each
// component test file (jest.config.cjs, project `component`).
import { configure } from '@testing-library/dom';
import { TextDecoder, TextEncoder } from 'node:util';

// Ant Design animates a field's message in, and a test machine may be busy: findBy* and waitFor wait
// up to 10 s (instead of 1 s) for what a person would see.
configure({ asyncUtilTimeout: 10_000 });

Object.assign(globalThis, { TextEncoder, TextDecoder });

// antd's responsive grid and Table ask media queries; nothing matches in a test.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;

// rc-resize-observer (Select, Tabs, TextArea) measures with ResizeObserver.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// jsdom implements getComputedStyle for elements only; antd also asks for pseudo-elements (the scroll
// bar's width), which jsdom reports as "Not implemented" on the console.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

// Modals scroll the page to the element they opened from.
Element.prototype.scrollTo ??= () => undefined;
window.scrollTo = () => undefined;
