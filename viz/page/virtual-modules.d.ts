/** Modules the page's Vite build provides (see `build/layout-plugin.ts`). */
declare module 'virtual:vm-chart-layout' {
  import type { ChartLayout } from 'azure-vm-lifecycle/viz';
  /** The layout of `vmMachine` (the full view) computed at build time. */
  const layout: ChartLayout;
  export default layout;
  /** The layout of its lesson view in each of the page's languages, computed at build time. */
  export const lessonLayouts: Readonly<Record<string, ChartLayout>>;
}
