/**
 * "Take away": the chart as shown — the current view, optionally with the VM's current state
 * highlighted — as a standalone SVG or a PNG at twice its size (light or dark), its Mermaid text,
 * or printed on one page; and the page embedded in an iframe (`?embed`, `?embed=buttons`).
 * Glue only: the files come from `chartSvg`, the text from the view's Mermaid function.
 */
import { chartSvg, chartToMermaid, type ChartHandle, type ChartTheme } from 'azure-vm-lifecycle/viz';
import './take-away.css';
import { chartTitle, viewWords } from './export-words.js';
import type { Translator } from './i18n/index.js';
import { byId, setText } from './page-dom.js';
import { bindToast } from './toast.js';

/** What the menu reads from the page. */
export interface ExportHost {
  /** The chart shown; its graph and layout are the current view. */
  chart(): ChartHandle | undefined;
  /** The machine's own Mermaid diagram, for the full view (`toMermaid`, descriptions and all). */
  fullMermaid(): string;
  /** The page's words now. */
  t(): Translator;
}

/** The view a chart draws (`full`, `lesson`…): a chart without views draws the full machine. */
export function viewOf(chart: ChartHandle | undefined): string {
  const view = (chart as { view?: unknown } | undefined)?.view;
  return typeof view === 'string' ? view : 'full';
}

/** How much larger than the chart a PNG is drawn: crisp on slides and high-density screens. */
export const PNG_SCALE = 2;

/**
 * How the address asks the page to be embedded: `chart` (`?embed`), `buttons` (`?embed=buttons`),
 * or not at all.
 */
export function embedMode(params: URLSearchParams): 'chart' | 'buttons' | undefined {
  if (!params.has('embed')) return undefined;
  return params.get('embed') === 'buttons' ? 'buttons' : 'chart';
}

/** Binds the menu, and marks the page embedded when the address asks (`body[data-embed]`). */
export function setupExportPanel(host: ExportHost, params: URLSearchParams): { renderWords(): void } {
  const embedded = embedMode(params);
  if (embedded) {
    document.body.dataset.embed = embedded;
    // The whole chart in the frame, whatever the frame's size: the chart panel fits it after every
    // mount (a change of view or language); here again when the frame is resized.
    const fit = (): void => byId('zoom-fit').click();
    let resized = 0;
    addEventListener('resize', () => {
      cancelAnimationFrame(resized);
      resized = requestAnimationFrame(fit);
    });
  }

  const themes = [...document.querySelectorAll<HTMLInputElement>('input[name="export-theme"]')];
  const preferred: ChartTheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  for (const input of themes) input.checked = input.value === preferred;
  const theme = (): ChartTheme => (themes.find((input) => input.checked)?.value === 'dark' ? 'dark' : 'light');
  const highlight = byId<HTMLInputElement>('export-highlight');
  const toast = bindToast('export-toast', 'export-status', 'export-close');
  const view = (): string => viewOf(host.chart());
  /** The view drawn as Mermaid text: the machine's own diagram, or the reduced graph drawn. */
  const mermaid = (): string => {
    const chart = host.chart();
    return view() === 'full' || !chart ? host.fullMermaid() : chartToMermaid(chart.graph);
  };
  const output = byId<HTMLTextAreaElement>('mermaid-output');

  /** The current view as a standalone SVG, or `undefined` before the chart is drawn. */
  const drawSvg = (): ReturnType<typeof chartSvg> | undefined => {
    const chart = host.chart();
    const layout = chart?.layout;
    if (!chart || !layout) return undefined;
    const active = highlight.checked
      ? [...document.querySelectorAll('#chart [data-state-id][data-active="true"]')].map((node) => node.getAttribute('data-state-id') ?? '')
      : [];
    return chartSvg(chart.graph, layout, { theme: theme(), active, title: chartTitle(host.t(), view()) });
  };
  const fileName = (extension: string): string => `azure-vm-lifecycle-${view()}-${theme()}.${extension}`;
  const failed = (format: string, error: unknown): void =>
    toast.show(host.t()('export.failed', { format, problem: error instanceof Error ? error.message : String(error) }));

  byId('export-svg').addEventListener('click', () => {
    const drawn = drawSvg();
    if (drawn) download(new Blob([drawn.svg], { type: 'image/svg+xml' }), fileName('svg'));
  });
  byId('export-png').addEventListener('click', () => {
    const drawn = drawSvg();
    if (!drawn) return;
    rasterize(drawn, PNG_SCALE).then((png) => download(png, fileName('png')), (error: unknown) => failed('PNG', error));
  });
  byId('export-mermaid').addEventListener('click', () => {
    const text = mermaid();
    output.value = text;
    const shownView = viewWords(host.t(), view());
    const shown = (): void => {
      toast.show(host.t()('export.mermaidShown', { view: shownView }), 'info');
      output.focus();
      output.select();
    };
    // The clipboard needs a secure context and permission; without it, the text is shown to copy.
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(() => toast.show(host.t()('export.mermaidCopied', { view: shownView }), 'info'), shown);
    else shown();
  });
  byId('export-print').addEventListener('click', () => window.print());

  // A menu: a click elsewhere or Escape closes it, Escape giving focus back to its button.
  const menu = byId<HTMLDetailsElement>('export');
  document.addEventListener('click', (event) => {
    // Only a person's click: the download link's own click lands outside the menu too.
    if (event.isTrusted && menu.open && !menu.contains(event.target as Node)) menu.open = false;
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    event.stopPropagation();
    menu.open = false;
    menu.querySelector('summary')?.focus();
  });

  const hint = byId('export-hint');
  const renderWords = (): void => setText(hint, host.t()('export.hint', { view: viewWords(host.t(), view()) }));
  menu.addEventListener('toggle', renderWords);
  return { renderWords };
}

/** Saves a file through a temporary link: works from `file://` too, with no server. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws an SVG onto a canvas `scale` times its size and encodes it as PNG. */
async function rasterize(drawn: { svg: string; width: number; height: number }, scale: number): Promise<Blob> {
  const image = new Image();
  // A data: URL, not a blob: one, so the canvas is never tainted and from disk it loads too.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(drawn.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(drawn.width * scale);
  canvas.height = Math.round(drawn.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`the browser could not encode a ${canvas.width}×${canvas.height} PNG`))), 'image/png'),
  );
}
