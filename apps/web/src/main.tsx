import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { createQueryClient } from './api/queries';
import { AppProviders } from './providers';
import { takeOverServerPage } from './server-page';

const queryClient = createQueryClient();

const root = document.getElementById('root') as HTMLElement;
takeOverServerPage(root);

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <AppProviders queryClient={queryClient}>
        <App />
      </AppProviders>
    </BrowserRouter>
  </StrictMode>,
);
