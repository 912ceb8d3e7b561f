/** The host this renderer runs in: Electron's preload bridge when present, else the web host. */
import type { HostApi } from '../../shared/host';
import { createWebHost } from './webHost';

declare global {
  interface Window {
    topologyHost?: HostApi;
  }
}

export const host: HostApi = typeof window !== 'undefined' && window.topologyHost ? window.topologyHost : createWebHost();
