import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { followShellCommands } from './features/project/shell-target';
import './styles.css';

// Subscribed before the first render: the desktop shell sends a project named at launch on page load.
followShellCommands();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
