import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app';

// After a release, a page loaded before it asks for code chunks that no longer exist: reload to get
// the new release. Not again within a minute, so a chunk missing for another reason cannot loop.
window.addEventListener('vite:preloadError', (event) => {
  const key = 'mianqian.reloadedForReleaseAt';
  if (Date.now() - Number(sessionStorage.getItem(key)) < 60_000) return;
  sessionStorage.setItem(key, String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
