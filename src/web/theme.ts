import { type CSSVariablesResolver, type MantineColorsTuple, createTheme } from '@mantine/core';

/**
 * Colours chosen for WCAG AA contrast: shades 5–9, used for text, filled buttons and the text of
 * light variants, are all ≥ 4.5:1 on white.
 */
const brand: MantineColorsTuple = ['#e6f4f1', '#cde8e2', '#9dd1c6', '#6ab8a8', '#3f9f8c', '#0f7a68', '#0d6e5e', '#0b6253', '#095547', '#07473b'];
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#d32f2f', '#c62828', '#b02525', '#9a2020', '#861b1b'];
const orange: MantineColorsTuple = ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#b35400', '#a14b00', '#8f4200', '#7d3a00', '#6b3100'];
const gray: MantineColorsTuple = ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#666d74', '#495057', '#343a40', '#212529'];
// Mantine's own green fails AA as the text of a light badge ("done" activities): darker shades 5–9
const green: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#2b7a3b', '#256b33', '#1f5c2c', '#1a4d25', '#143e1e'];
const teal = brand;

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 6,
  colors: { brand, red, orange, gray, green, teal },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#555d65', '--mantine-color-error': '#c62828', '--mantine-color-placeholder': '#737a82' },
  dark: {},
});
