/**
 * The survey itself: React, survey-core, survey-react-ui and the App (about nine tenths of what
 * the page downloads). main.ts loads it when the citizen taps Start, or at once when there is a
 * half-answered survey or answers waiting to be sent.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './survey.css';
import { App, type AppProps } from './App';

export function mountApp(container: HTMLElement, props: AppProps): void {
  createRoot(container).render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}
