/** Modules the page's Vite build provides (see `build/layout-plugin.ts`). */
declare module 'virtual:vm-chart-layout' {
  import type { ChartLayout } from 'azure-vm-lifecycle/viz';
  /** The layout of `vmMachine` computed at build time. */
  const layout: ChartLayout;
  export default layout;
}
