import {
  createTheme,
  darken,
  getPrimaryShade,
  lighten,
  luminance,
  type CSSVariablesResolver,
  type MantineTheme,
} from '@mantine/core';
import classes from './theme.module.css';

/** WCAG 2 AA for normal-size text (1.4.3); every colour the theme gives to text is held to it. */
export const MIN_TEXT_CONTRAST = 4.5;

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const passesOn = (colour: string, backgrounds: readonly string[]): boolean =>
  backgrounds.every((bg) => contrastRatio(colour, bg) >= MIN_TEXT_CONTRAST);

/**
 * The first shade from `from` towards the palette's dark end that reads on every background, then darker mixes of
 * its darkest shade: Mantine's stock shades for text (gray 6 for dimmed text, teal 6 under white) fall short of AA.
 */
function darkerUntil(palette: readonly string[], from: number, backgrounds: readonly string[]): string {
  for (let i = from; i < palette.length; i++) if (passesOn(palette[i]!, backgrounds)) return palette[i]!;
  for (let k = 1; k <= 20; k++) {
    const c = darken(palette[palette.length - 1]!, k * 0.05);
    if (passesOn(c, backgrounds)) return c;
  }
  return '#000000';
}

function lighterUntil(palette: readonly string[], from: number, backgrounds: readonly string[]): string {
  for (let i = from; i >= 0; i--) if (passesOn(palette[i]!, backgrounds)) return palette[i]!;
  for (let k = 1; k <= 20; k++) {
    const c = lighten(palette[0]!, k * 0.05);
    if (passesOn(c, backgrounds)) return c;
  }
  return '#ffffff';
}

type Vars = Record<string, string>;

/**
 * Text colours made to pass AA at their source, so no screen has to correct them one element at a time. Light text
 * sits on white and the two lightest greys (table stripes, hovered rows) and, for the light variant, on its own
 * tint; dark text on the four darkest greys the dark scheme paints surfaces with; filled controls carry white text.
 */
export function readableColours(theme: MantineTheme): { light: Vars; dark: Vars } {
  const gray = theme.colors.gray;
  const dark = theme.colors.dark;
  const lightSurfaces = [theme.white, gray[0], gray[1]];
  const darkSurfaces = [dark[5], dark[6], dark[7], dark[8]];
  const lightShade = getPrimaryShade(theme, 'light');
  const darkShade = getPrimaryShade(theme, 'dark');
  const light: Vars = {};
  const darkVars: Vars = {};
  const text = { light: {} as Record<string, string>, dark: {} as Record<string, string> };

  for (const [name, palette] of Object.entries(theme.colors)) {
    const filledLight = darkerUntil(palette, lightShade, [...lightSurfaces, theme.white]);
    light[`--mantine-color-${name}-filled`] = filledLight;
    // Mantine's hover shade for a control is the next lighter one in light, so a hovered button would fall below AA.
    light[`--mantine-color-${name}-filled-hover`] = darken(filledLight, 0.12);
    light[`--mantine-color-${name}-text`] = filledLight;
    light[`--mantine-color-${name}-outline`] = filledLight;
    light[`--mantine-color-${name}-light-color`] = darkerUntil(palette, 9, [palette[1]!, palette[2]!, theme.white]);
    text.light[name] = filledLight;

    const filledDark = darkerUntil(palette, darkShade, [theme.white]);
    darkVars[`--mantine-color-${name}-filled`] = filledDark;
    darkVars[`--mantine-color-${name}-filled-hover`] = darken(filledDark, 0.12);
    const textDark = lighterUntil(palette, 4, darkSurfaces);
    darkVars[`--mantine-color-${name}-text`] = textDark;
    darkVars[`--mantine-color-${name}-outline`] = lighterUntil(palette, Math.max(darkShade - 4, 0), darkSurfaces);
    darkVars[`--mantine-color-${name}-light-color`] = lighterUntil(palette, 0, [
      darken(palette[9]!, 0.5),
      darken(palette[9]!, 0.3),
      ...darkSurfaces,
    ]);
    text.dark[name] = textDark;
  }

  const primary = theme.primaryColor;
  Object.assign(light, {
    '--mantine-color-dimmed': darkerUntil(gray, 6, lightSurfaces),
    '--mantine-color-placeholder': darkerUntil(gray, 5, [theme.white]),
    '--mantine-color-anchor': text.light[primary]!,
    '--mantine-color-error': text.light['red']!,
    '--mantine-color-success': text.light['teal']!,
  });
  Object.assign(darkVars, {
    '--mantine-color-dimmed': lighterUntil(dark, 2, darkSurfaces),
    '--mantine-color-placeholder': lighterUntil(dark, 3, [dark[6], dark[7]]),
    '--mantine-color-anchor': text.dark[primary]!,
    '--mantine-color-error': text.dark['red']!,
    '--mantine-color-success': text.dark['teal']!,
  });
  return { light, dark: darkVars };
}

export const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const { light, dark } = readableColours(theme);
  return { variables: {}, light, dark };
};

// Chromium's form history keeps what is typed into fields, in clear, in the profile: no field of Athar's offers it
// anything (passphrase fields say so themselves, for password managers).
const noHistory = { defaultProps: { autoComplete: 'off' } };

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", system-ui, sans-serif',
  focusRing: 'always',
  components: {
    TextInput: noHistory,
    Textarea: noHistory,
    TagsInput: noHistory,
    Select: noHistory,
    MultiSelect: noHistory,
    NumberInput: noHistory,
    Autocomplete: noHistory,
  },
});

/**
 * The theme for one language: Mantine's close buttons (dialogs, dismissible notices) have no name of their own, and a
 * button without a name is read out as just "button".
 */
export function themeFor(closeLabel: string) {
  return createTheme({
    ...theme,
    components: {
      ...theme.components,
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Drawer: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Alert: { defaultProps: { closeButtonLabel: closeLabel }, classNames: { message: classes.noticeMessage ?? '' } },
      CloseButton: { defaultProps: { 'aria-label': closeLabel } },
    },
  });
}
