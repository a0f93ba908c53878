/**
 * A public page rendered by the server arrives inside #root (apps/api/src/public-pages), where
 * readers without JavaScript and crawlers read it. React's first render would replace it at once
 * with the app's frame and a spinner while the page's code and data load: the content would
 * vanish and come back. So the server's copy is moved out of #root and stays on screen while the
 * app renders invisibly over it, and the two swap in one step once the app has drawn its page (no
 * spinner left in it), or after 10 s whatever the app shows by then.
 */
export function takeOverServerPage(root: HTMLElement): void {
  const served = root.querySelector<HTMLElement>(':scope > [data-server-page]');
  if (!served) return;
  root.before(served);
  // Invisible but laid out, so that what the app measures (the menu's width) is right when it shows.
  Object.assign(root.style, { visibility: 'hidden', position: 'absolute', top: '0', left: '0', right: '0' });
  const drawn = () => !!root.querySelector('.ant-layout-content') && !root.querySelector('.ant-spin-spinning, .ant-skeleton-active, [data-testid="page-loading"]');
  const reveal = () => {
    observer.disconnect();
    window.clearTimeout(timer);
    served.remove();
    Object.assign(root.style, { visibility: '', position: '', top: '', left: '', right: '' });
  };
  const observer = new MutationObserver(() => {
    if (drawn()) reveal();
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  const timer = window.setTimeout(reveal, 10_000);
}
