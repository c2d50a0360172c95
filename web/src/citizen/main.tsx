import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './citizen.css';
import { App } from './App';
import { keepPageForOffline } from './offline';
import { applyLargeText, rememberedLargeText } from './prefs';

// Before the first paint, so large text does not jump in after the page has drawn.
applyLargeText(rememberedLargeText());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
keepPageForOffline();
