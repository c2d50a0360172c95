import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './citizen.css';
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
