/** Office tells its theme as colours only; the pane needs light or dark to pick a Fluent theme. */
export function themeFromBackground(color: string | undefined | null): 'light' | 'dark' {
  const hex = /^#?([0-9a-f]{6})$/i.exec((color ?? '').trim())?.[1];
  if (hex === undefined) return 'light';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  // Relative luminance (sRGB weights, no gamma: enough to tell Office's dark grey from white).
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}
