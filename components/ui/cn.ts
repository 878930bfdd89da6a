import { type ClassNameValue, createTailwindMerge } from 'tailwind-merge';

// tailwind-merge's engine with the class groups ScanDeck's components let a caller override, rather
// than its full Tailwind map: the full one costs every page about 6 KB more of first-load JS. A class
// outside these groups is joined as written, as before tailwind-merge; cn.test.ts lists what merges.

/** spacing and sizing: 4, 0.5, 1/3, px, full, auto, screen, min, max, fit, [12rem] */
const isLength = (value: string) => /^(\d+(\.\d+)?|\d+\/\d+|px|full|auto|screen|min|max|fit|\[.+\])$/.test(value);
/** t-shirt sizes and an arbitrary length: xs, sm, base, 2xl, [10px] */
const isSize = (value: string) => /^(\d?xs|sm|md|base|lg|\d?xl|\[\d.*\])$/.test(value);
/** a palette colour (slate-300, indigo-500/30), a keyword or an arbitrary one ([#fff]) */
const isColor = (value: string) => /^([a-z]+-\d{2,3}(\/\d+)?|white|black|transparent|current|inherit|\[#.+\])$/.test(value);
const isAny = () => true;

/** Groups of one prefix and one validator; a key of `conflicts` also overrides the groups it lists. */
const simple: Record<string, (value: string) => boolean> = { z: isAny, opacity: isAny, w: isLength, h: isLength, size: isLength, gap: isLength };
for (const side of ['', 'x', 'y', 't', 'r', 'b', 'l']) {
  simple[`p${side}`] = isLength;
  simple[`m${side}`] = isLength;
}
for (const edge of ['inset', 'inset-x', 'inset-y', 'top', 'right', 'bottom', 'left']) simple[edge] = isLength;
for (const bound of ['min-w', 'max-w', 'min-h', 'max-h']) simple[bound] = (value) => isLength(value) || isSize(value) || value === 'none';

const cnMerge = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  orderSensitiveModifiers: [],
  classGroups: {
    ...Object.fromEntries(Object.entries(simple).map(([prefix, validator]) => [prefix, [{ [prefix]: [validator] }]])),
    display: ['block', 'inline-block', 'inline', 'flex', 'inline-flex', 'grid', 'inline-grid', 'contents', 'hidden'],
    position: ['static', 'fixed', 'absolute', 'relative', 'sticky'],
    overflow: [{ overflow: ['auto', 'hidden', 'clip', 'visible', 'scroll'] }],
    'font-family': [{ font: ['sans', 'serif', 'mono'] }],
    'font-weight': [{ font: ['light', 'normal', 'medium', 'semibold', 'bold'] }],
    'font-size': [{ text: [isSize] }],
    'text-color': [{ text: [isColor] }],
    'bg-color': [{ bg: [isColor] }],
    'border-w': [{ border: ['', (value: string) => /^\d$/.test(value)] }],
    'border-color': [{ border: [isColor] }],
    rounded: [{ rounded: ['', 'none', 'full', isSize] }],
    shadow: [{ shadow: ['', 'none', isSize] }],
  },
  conflictingClassGroups: {
    inset: ['inset-x', 'inset-y', 'top', 'right', 'bottom', 'left'],
    'inset-x': ['right', 'left'],
    'inset-y': ['top', 'bottom'],
    p: ['px', 'py', 'pt', 'pr', 'pb', 'pl'],
    px: ['pr', 'pl'],
    py: ['pt', 'pb'],
    m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml'],
    mx: ['mr', 'ml'],
    my: ['mt', 'mb'],
    size: ['w', 'h'],
  },
  conflictingClassGroupModifiers: {},
}));

/** Joins class names, skipping falsy ones; a later Tailwind class wins over an earlier one of its kind (`cn('w-full', 'w-48')` is `w-48`). */
export function cn(...classes: ClassNameValue[]): string {
  return cnMerge(...classes);
}
