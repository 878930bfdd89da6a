import { type ClassNameValue, createTailwindMerge } from 'tailwind-merge';

// tailwind-merge's engine with the class groups ScanDeck's components let a caller override, rather
// than its full Tailwind map: the full one costs every page about 6 KB more of first-load JS. A class
// outside these groups is joined as written, as before tailwind-merge; cn.test.ts lists what merges.

const any = () => true;
const isInteger = (value: string) => /^\d+$/.test(value);
/** spacing and sizing: 4, 0.5, 1/3, px, full, auto, screen, min, max, fit, [12rem] */
const isLength = (value: string) => /^(\d+(\.\d+)?|\d+\/\d+|px|full|auto|screen|min|max|fit|\[.+\])$/.test(value);
/** t-shirt sizes and an arbitrary length: xs, sm, base, 2xl, [10px] (not [#fff], a colour) */
const isSize = (value: string) => /^(\d?xs|sm|md|base|lg|\d?xl|\[\d.*\])$/.test(value);
const inset = ['inset', 'inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end'] as const;
const sides = ['', 'x', 'y', 't', 'r', 'b', 'l', 's', 'e'] as const;

const cnMerge = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  orderSensitiveModifiers: [
    '*',
    '**',
    'after',
    'backdrop',
    'before',
    'details-content',
    'file',
    'first-letter',
    'first-line',
    'marker',
    'placeholder',
    'selection',
  ],
  classGroups: {
    display: ['block', 'inline-block', 'inline', 'flex', 'inline-flex', 'grid', 'inline-grid', 'contents', 'table', 'table-row', 'table-cell', 'hidden'],
    position: ['static', 'fixed', 'absolute', 'relative', 'sticky'],
    visibility: ['visible', 'invisible', 'collapse'],
    'sr-only': ['sr-only', 'not-sr-only'],
    overflow: [{ overflow: ['auto', 'hidden', 'clip', 'visible', 'scroll'] }],
    'overflow-x': [{ 'overflow-x': ['auto', 'hidden', 'clip', 'visible', 'scroll'] }],
    'overflow-y': [{ 'overflow-y': ['auto', 'hidden', 'clip', 'visible', 'scroll'] }],
    ...Object.fromEntries(inset.map((side) => [side, [{ [side]: [isLength] }]])),
    z: [{ z: [any] }],
    'flex-direction': [{ flex: ['row', 'row-reverse', 'col', 'col-reverse'] }],
    'flex-wrap': [{ flex: ['wrap', 'wrap-reverse', 'nowrap'] }],
    flex: [{ flex: ['1', 'auto', 'initial', 'none'] }],
    'align-items': [{ items: ['start', 'end', 'center', 'baseline', 'stretch'] }],
    'justify-content': [{ justify: ['normal', 'start', 'end', 'center', 'between', 'around', 'evenly', 'stretch'] }],
    gap: [{ gap: [isLength] }],
    'gap-x': [{ 'gap-x': [isLength] }],
    'gap-y': [{ 'gap-y': [isLength] }],
    'space-x': [{ 'space-x': [isLength] }],
    'space-y': [{ 'space-y': [isLength] }],
    'col-span': [{ col: [{ span: [any] }] }],
    ...Object.fromEntries(sides.map((side) => [`p${side}`, [{ [`p${side}`]: [isLength] }]])),
    ...Object.fromEntries(sides.map((side) => [`m${side}`, [{ [`m${side}`]: [isLength] }]])),
    w: [{ w: [isLength] }],
    'min-w': [{ 'min-w': [isLength] }],
    'max-w': [{ 'max-w': [isLength, isSize, 'none', 'prose'] }],
    h: [{ h: [isLength] }],
    'min-h': [{ 'min-h': [isLength] }],
    'max-h': [{ 'max-h': [isLength] }],
    size: [{ size: [isLength] }],
    'font-family': [{ font: ['sans', 'serif', 'mono'] }],
    'font-weight': [{ font: ['thin', 'extralight', 'light', 'normal', 'medium', 'semibold', 'bold', 'extrabold', 'black'] }],
    'font-size': [{ text: [isSize] }],
    'text-alignment': [{ text: ['left', 'center', 'right', 'justify', 'start', 'end'] }],
    'text-overflow': ['truncate', 'text-ellipsis', 'text-clip'],
    'text-transform': ['uppercase', 'lowercase', 'capitalize', 'normal-case'],
    'text-color': [{ text: [any] }],
    whitespace: [{ whitespace: ['normal', 'nowrap', 'pre', 'pre-line', 'pre-wrap', 'break-spaces'] }],
    tracking: [{ tracking: [any] }],
    leading: [{ leading: [any] }],
    'bg-color': [{ bg: [any] }],
    rounded: [{ rounded: ['', 'none', 'full', isSize] }],
    'border-collapse': [{ border: ['collapse', 'separate'] }],
    'border-style': [{ border: ['solid', 'dashed', 'dotted', 'double', 'hidden', 'none'] }],
    ...Object.fromEntries(sides.map((side) => [`border-w${side}`, [{ [side ? `border-${side}` : 'border']: ['', isInteger] }]])),
    'border-color': [{ border: [any] }],
    shadow: [{ shadow: ['', 'none', isSize] }],
    'ring-w': [{ ring: ['', isInteger] }],
    'ring-color': [{ ring: [any] }],
    opacity: [{ opacity: [any] }],
    cursor: [{ cursor: [any] }],
  },
  conflictingClassGroups: {
    inset: ['inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end'],
    'inset-x': ['right', 'left'],
    'inset-y': ['top', 'bottom'],
    gap: ['gap-x', 'gap-y'],
    p: ['px', 'py', 'pt', 'pr', 'pb', 'pl', 'ps', 'pe'],
    px: ['pr', 'pl'],
    py: ['pt', 'pb'],
    m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml', 'ms', 'me'],
    mx: ['mr', 'ml'],
    my: ['mt', 'mb'],
    size: ['w', 'h'],
    'border-w': ['border-wx', 'border-wy', 'border-wt', 'border-wr', 'border-wb', 'border-wl', 'border-ws', 'border-we'],
    'border-wx': ['border-wr', 'border-wl'],
    'border-wy': ['border-wt', 'border-wb'],
  },
  conflictingClassGroupModifiers: {},
}));

/** Joins class names, skipping falsy ones; a later Tailwind class wins over an earlier one of its kind (`cn('w-full', 'w-48')` is `w-48`). */
export function cn(...classes: ClassNameValue[]): string {
  return cnMerge(...classes);
}
