import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('joins class names, skipping falsy ones', () => {
    expect(cn('a', false, undefined, null, '', 'b')).toBe('a b');
    expect(cn('flex items-center', ['gap-2', 'text-sm'])).toBe('flex items-center gap-2 text-sm');
  });

  it('lets a later class win over an earlier one of its kind', () => {
    expect(cn('w-4', 'w-8')).toBe('w-8');
    expect(cn('w-full h-9', 'w-48')).toBe('h-9 w-48');
    expect(cn('px-2 p-4')).toBe('p-4');
    expect(cn('p-4', 'px-2')).toBe('p-4 px-2');
    expect(cn('mb-4 m-0', 'mt-3')).toBe('m-0 mt-3');
    expect(cn('size-4', 'w-6')).toBe('size-4 w-6');
    expect(cn('w-6 h-6', 'size-4')).toBe('size-4');
    expect(cn('inset-x-0 top-0', 'inset-0')).toBe('inset-0');
    expect(cn('text-sm text-slate-900', 'text-xs')).toBe('text-slate-900 text-xs');
    expect(cn('text-slate-900 text-sm', 'text-red-700')).toBe('text-sm text-red-700');
    expect(cn('text-[10px]', 'text-xs')).toBe('text-xs');
    expect(cn('font-sans font-medium', 'font-mono')).toBe('font-medium font-mono');
    expect(cn('bg-white', 'bg-red-50')).toBe('bg-red-50');
    expect(cn('border border-slate-300', 'border-red-500')).toBe('border border-red-500');
    expect(cn('border-collapse border-slate-300', 'border-2')).toBe('border-collapse border-slate-300 border-2');
    expect(cn('opacity-0', 'opacity-100')).toBe('opacity-100');
    expect(cn('overflow-hidden p-4', 'overflow-auto p-0')).toBe('overflow-auto p-0');
    expect(cn('block', 'hidden')).toBe('hidden');
    expect(cn('max-w-40', 'max-w-full')).toBe('max-w-full');
    expect(cn('rounded-md', 'rounded-full')).toBe('rounded-full');
  });

  it('keeps variants apart: a hover or dark class only overrides its own variant', () => {
    expect(cn('bg-white hover:bg-slate-50', 'bg-red-600')).toBe('hover:bg-slate-50 bg-red-600');
    expect(cn('hover:bg-slate-50', 'hover:bg-red-700')).toBe('hover:bg-red-700');
    expect(cn('disabled:text-slate-400 text-slate-800', 'text-white')).toBe('disabled:text-slate-400 text-white');
    expect(cn('md:w-1/2 w-full', 'w-48')).toBe('md:w-1/2 w-48');
  });

  it('keeps classes it has no group for, as written', () => {
    expect(cn('motion-safe:animate-pulse tabular-nums', 'line-clamp-2')).toBe('motion-safe:animate-pulse tabular-nums line-clamp-2');
    expect(cn('text-left whitespace-nowrap', 'text-right whitespace-normal')).toBe('text-left whitespace-nowrap text-right whitespace-normal');
  });
});
