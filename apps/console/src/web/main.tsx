import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { parseRoute } from './lib/route.js';
import { loadPage } from './pages/on-demand.js';
import './styles.css';

// The page the URL opens on first: rendered straight away, its queries leave with the key's check. A page
// that cannot be fetched is rendered anyway, to say so (LoadFailure).
await loadPage(parseRoute(window.location.hash)).catch(() => undefined);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
