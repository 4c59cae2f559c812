// WCAG 2.2 contrast: relative luminance of sRGB colours, and the ratio (L1 + 0.05) / (L2 + 0.05).
// Text needs 4.5:1 (SC 1.4.3), a focus indicator or a control's edge 3:1 (SC 1.4.11).

export type Rgb = readonly [number, number, number];

/** `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)` (alpha returned separately). */
export function parseColor(text: string): { rgb: Rgb; alpha: number } | null {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    const byte = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return { rgb: [byte(0), byte(2), byte(4)], alpha: 1 };
  }
  const numbers = /^rgba?\(([^)]+)\)$/
    .exec(value)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
    .map(parseFloat);
  if (!numbers || numbers.length < 3 || numbers.some(Number.isNaN)) return null;
  return { rgb: [numbers[0]!, numbers[1]!, numbers[2]!], alpha: numbers[3] ?? 1 };
}

const channel = (value: number) => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** `top` with its alpha laid over the opaque `bottom`. */
export function over(top: Rgb, alpha: number, bottom: Rgb): Rgb {
  const mix = (i: 0 | 1 | 2) => top[i] * alpha + bottom[i] * (1 - alpha);
  return [mix(0), mix(1), mix(2)];
}
