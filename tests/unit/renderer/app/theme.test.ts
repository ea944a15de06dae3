import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { contrastRatio, MIN_TEXT_CONTRAST, readableColours, themeFor } from '../../../../renderer/src/app/theme';

const full = mergeMantineTheme(DEFAULT_THEME, themeFor('Close'));
const { light, dark } = readableColours(full);
const gray = full.colors.gray;
const shades = full.colors.dark;
const lightSurfaces = { white: full.white, 'gray 0': gray[0], 'gray 1': gray[1] };
const darkSurfaces = { 'dark 5': shades[5], 'dark 6': shades[6], 'dark 7': shades[7], 'dark 8': shades[8] };

/** Every pair the theme hands out that fails AA, named, so a failure says which colour on which surface. */
function failures(pairs: [string, string, string][]): string[] {
  return pairs
    .filter(([, fg, bg]) => contrastRatio(fg, bg) < MIN_TEXT_CONTRAST)
    .map(([what, fg, bg]) => `${what}: ${fg} on ${bg} = ${contrastRatio(fg, bg).toFixed(2)}`);
}

describe('theme colours', () => {
  it('computes the WCAG contrast ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's stock dimmed grey on white, the colour axe-core reported on every screen.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 1);
  });

  it('gives dimmed, anchor, error and success text at least 4.5:1 on every surface, light and dark', () => {
    const pairs: [string, string, string][] = [];
    for (const v of ['dimmed', 'anchor', 'error', 'success', 'placeholder']) {
      const surfacesLight = v === 'placeholder' ? { white: full.white } : lightSurfaces;
      const surfacesDark = v === 'placeholder' ? { 'dark 6': shades[6], 'dark 7': shades[7] } : darkSurfaces;
      for (const [s, bg] of Object.entries(surfacesLight))
        pairs.push([`light ${v} on ${s}`, light[`--mantine-color-${v}`]!, bg]);
      for (const [s, bg] of Object.entries(surfacesDark))
        pairs.push([`dark ${v} on ${s}`, dark[`--mantine-color-${v}`]!, bg]);
    }
    expect(failures(pairs)).toEqual([]);
  });

  it('gives every colour readable text, outline, filled and light variants in both schemes', () => {
    const pairs: [string, string, string][] = [];
    for (const name of Object.keys(full.colors)) {
      const v = (scheme: Record<string, string>, k: string) => scheme[`--mantine-color-${name}-${k}`]!;
      pairs.push([`light ${name} filled under white`, full.white, v(light, 'filled')]);
      pairs.push([`dark ${name} filled under white`, full.white, v(dark, 'filled')]);
      pairs.push([`light ${name} hovered under white`, full.white, v(light, 'filled-hover')]);
      pairs.push([`dark ${name} hovered under white`, full.white, v(dark, 'filled-hover')]);
      pairs.push([`light ${name} light variant`, v(light, 'light-color'), full.colors[name]![1]!]);
      for (const [s, bg] of Object.entries(lightSurfaces)) {
        pairs.push([`light ${name} text on ${s}`, v(light, 'text'), bg]);
        pairs.push([`light ${name} outline on ${s}`, v(light, 'outline'), bg]);
      }
      for (const [s, bg] of Object.entries(darkSurfaces)) {
        pairs.push([`dark ${name} text on ${s}`, v(dark, 'text'), bg]);
        pairs.push([`dark ${name} outline on ${s}`, v(dark, 'outline'), bg]);
        pairs.push([`dark ${name} subtle on ${s}`, v(dark, 'light-color'), bg]);
      }
    }
    expect(failures(pairs)).toEqual([]);
  });

  it('keeps the stock shade where it already passes, so the palette still looks like itself', () => {
    expect(dark['--mantine-color-teal-text']).toBe(full.colors.teal[4]);
    expect(dark['--mantine-color-red-text']).toBe(full.colors.red[4]);
    expect(light['--mantine-color-red-text']).toBe(full.colors.red[9]);
  });
});
